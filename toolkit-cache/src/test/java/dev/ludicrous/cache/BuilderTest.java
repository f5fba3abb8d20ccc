package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class BuilderTest {
    @Test
    void badSettingsFailAtBuildNamingTheSettingTheRuleAndTheValue() {
        assertThatThrownBy(() -> CacheManager.builder().localMaximumSize(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("localMaximumSize must be at least 0 (no local tier), but was -1");
        assertThatThrownBy(() -> CacheManager.builder().localMaximumBytes(-5).build())
                .hasMessage("localMaximumBytes must be at least 1 (localMaximumSize 0 turns the local tier off), "
                        + "but was -5");
        assertThatThrownBy(() -> CacheManager.builder().defaultTtl(Duration.ofSeconds(-1)).build())
                .hasMessage("defaultTtl must be a positive duration, but was PT-1S");
        assertThatThrownBy(() -> CacheManager.builder().cache("posts", Duration.ZERO).build())
                .hasMessage("ttl of cache 'posts' must be a positive duration, but was PT0S");
        assertThatThrownBy(() -> CacheManager.builder().keyPrefix("my app").build())
                .hasMessage("keyPrefix must be 1 to 128 characters without whitespace, but was 'my app'");
        assertThatThrownBy(() -> CacheManager.builder().maxValueBytes(0).build())
                .hasMessage("maxValueBytes must be between 1 and 536870912 (Redis's limit), but was 0");
        assertThatThrownBy(() -> CacheManager.builder()
                .circuitBreakerBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).build())
                .hasMessage("circuitBreakerBackoff maximum must not be shorter than the initial PT5S, but was PT1S");
        assertThatThrownBy(() -> CacheManager.builder().loadLease(Duration.ofMinutes(2)).build())
                .hasMessage("loadLease must be between 0 (off) and PT1M, but was PT2M");
        assertThatThrownBy(() -> CacheManager.builder().maximumNamespaces(0).build())
                .hasMessage("maximumNamespaces must be at least 1, but was 0");
    }

    @Test
    void aManagerWithoutALocalTierRefusesWhatNeedsOne() {
        assertThatThrownBy(() -> CacheManager.builder().localMaximumSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("localMaximumSize 0 turns the local tier off, so it needs redis(...) to cache anything; "
                        + "without Redis, set localMaximumSize to at least 1");
        // Never connected: build() checks every setting before it starts anything.
        try (RedisClient redis = RedisClient.create("127.0.0.1", 1)) {
            CacheManager.Builder off = CacheManager.builder().redis(redis).localMaximumSize(0);
            assertThatThrownBy(() -> off.staleWhileRevalidate("pages", Duration.ofSeconds(30)).build())
                    .hasMessage("localMaximumSize 0 turns the local tier off, but staleWhileRevalidate serves stale "
                            + "values from it; caches with a window: [pages]");
            assertThatThrownBy(() -> CacheManager.builder().redis(redis).localMaximumSize(0)
                    .earlyRefresh("counts", 1.0).build())
                    .hasMessage("localMaximumSize 0 turns the local tier off, but earlyRefresh refreshes the values it "
                            + "holds; caches with a beta: [counts]");
            assertThatThrownBy(() -> CacheManager.builder().redis(redis).localMaximumSize(0)
                    .serveLocalDuringOutage(Duration.ofMinutes(1)).build())
                    .hasMessage("localMaximumSize 0 turns the local tier off, but serveLocalDuringOutage serves values "
                            + "from it, and was PT1M");

            assertThatThrownBy(() -> CacheManager.builder().noLocalTier("stock").build())
                    .hasMessage("noLocalTier of cache 'stock' needs redis(...): without Redis that cache would cache "
                            + "nothing");
            assertThatThrownBy(() -> CacheManager.builder().redis(redis).noLocalTier("stock")
                    .staleWhileRevalidate("stock", Duration.ofSeconds(5)).build())
                    .hasMessage("noLocalTier of cache 'stock' conflicts with its staleWhileRevalidate window PT5S, which "
                            + "serves stale values from the local tier");
            assertThatThrownBy(() -> CacheManager.builder().redis(redis).noLocalTier("stock").earlyRefresh("stock", 2.0)
                    .build())
                    .hasMessage("noLocalTier of cache 'stock' conflicts with its earlyRefresh beta 2.0, which refreshes "
                            + "the values the local tier holds");
            assertThatThrownBy(() -> CacheManager.builder().noLocalTier("two words"))
                    .hasMessageStartingWith("cache name must be 1 to 64 letters");
            // Other caches keep their local tier and what it serves.
            CacheManager.builder().redis(redis).noLocalTier("stock").staleWhileRevalidate("pages", Duration.ofSeconds(5))
                    .serveLocalDuringOutage(Duration.ofMinutes(1)).build().close();
        }
    }

    @Test
    void badNamesAreRefused() {
        CacheManager manager = CacheManager.builder().build();
        assertThatThrownBy(() -> manager.cache("has space", Codec.string()))
                .hasMessage("cache name must be 1 to 64 letters, digits, '_', '.' or '-', but was 'has space'");
        assertThatThrownBy(() -> manager.bump())
                .hasMessage("namespaces must name at least one namespace, but none was given");
        assertThatThrownBy(() -> manager.bump("post", " "))
                .hasMessage("a namespace must be a non-blank string of at most 512 characters, but was ' '");
        assertThatThrownBy(() -> Codec.of("two words", v -> new byte[0], b -> "x"))
                .hasMessage("codec id must be 1 to 255 printable ASCII characters without spaces, but was 'two words'");
    }
}
