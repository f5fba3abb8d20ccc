package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BuilderTest {
    @Test
    void badSettingsFailAtBuildNamingTheSettingTheRuleAndTheValue() {
        assertThatThrownBy(() -> CacheManager.builder().localMaximumSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("localMaximumSize must be at least 1, but was 0");
        assertThatThrownBy(() -> CacheManager.builder().localMaximumBytes(-5).build())
                .hasMessage("localMaximumBytes must be at least 1, but was -5");
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
