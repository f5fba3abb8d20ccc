package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlogConfigTest {
    @Test
    void defaultsRunOnH2InDevelopmentOnLocalhost() {
        BlogConfig config = BlogConfig.from(Map.of());

        assertThat(config.dbUrl).startsWith("jdbc:h2:mem:");
        assertThat(config.host).isEqualTo("127.0.0.1");
        assertThat(config.port).isEqualTo(8080);
        assertThat(config.profile).isEqualTo(BlogConfig.Profile.DEVELOPMENT);
        assertThat(config.seedPosts).isEqualTo(5_000);
        assertThat(config.seedComments).isEqualTo(50_000);
        assertThat(config.redisUri).isEmpty();
        assertThat(config.redisPoolSize).isEqualTo(16);
        assertThat(config.profilerSampleFraction).isZero();
        assertThat(config.profilerSampleIntervalMillis).isEqualTo(20);
    }

    @Test
    void environmentOverridesThePropertiesFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("blog.properties");
        Files.writeString(file, "db.url=jdbc:postgresql://127.0.0.1:5432/test\nport=9000\nseed.posts=10\n");

        BlogConfig config = BlogConfig.from(Map.of("BLOG_CONFIG", file.toString(), "BLOG_PORT", "9100"));

        assertThat(config.dbUrl).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(config.port).isEqualTo(9100);
        assertThat(config.seedPosts).isEqualTo(10);
    }

    @Test
    void badSettingsNameTheSettingTheRuleAndTheValue() {
        assertThatThrownBy(() -> BlogConfig.from(Map.of("BLOG_PORT", "http")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("port (BLOG_PORT) must be a whole number from 0 to 65535, but was http");
        assertThatThrownBy(() -> BlogConfig.from(Map.of("BLOG_PROFILE", "staging")))
                .hasMessage("profile (BLOG_PROFILE) must be development or production, but was staging");
        assertThatThrownBy(() -> BlogConfig.from(Map.of("BLOG_DB_URL", "jdbc:mysql://x/db")))
                .hasMessageStartingWith("db.url (BLOG_DB_URL) must be an H2 (jdbc:h2:) or PostgreSQL");
        assertThatThrownBy(() -> BlogConfig.from(Map.of("BLOG_WEBHOOK_URL", "ftp://example.org/")))
                .hasMessage("webhook.url (BLOG_WEBHOOK_URL) must be a URL with a host and scheme http or https,"
                        + " but was ftp://example.org/");
        assertThatThrownBy(() -> BlogConfig.from(Map.of("BLOG_DEV_TOKEN", "short")))
                .hasMessage("dev.token (BLOG_DEV_TOKEN) must be at least 16 characters, but was (5 characters)");
        assertThatThrownBy(() -> BlogConfig.from(Map.of("BLOG_PROFILER_SAMPLE_FRACTION", "1%")))
                .hasMessage("profiler.sample-fraction (BLOG_PROFILER_SAMPLE_FRACTION) must be a number from 0 to 1"
                        + " (0.01 is 1 %), but was 1%");
        assertThatThrownBy(() -> BlogConfig.from(Map.of("BLOG_PROFILER_SAMPLE_FRACTION", "1.5")))
                .hasMessageStartingWith("profiler.sample-fraction (BLOG_PROFILER_SAMPLE_FRACTION) must be a number from 0 to 1");
        assertThatThrownBy(() -> BlogConfig.from(Map.of("BLOG_REDIS_POOL_SIZE", "5")))
                .hasMessage("redis.pool-size (BLOG_REDIS_POOL_SIZE) must be a whole number from 6 to 1000, but was 5");
        assertThatThrownBy(() -> BlogConfig.from(Map.of("BLOG_CONFIG", "/no/such/file.properties")))
                .hasMessageStartingWith("BLOG_CONFIG must name a readable properties file, but /no/such/file.properties");
    }
}
