package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LocalCacheTest {
    private final CacheManager manager = CacheManager.builder().recordStats().build();
    private final Cache<String> cache = manager.cache("pages", Codec.string());

    @Test
    void secondGetIsServedWithoutRunningTheLoader() {
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache.get("home", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
        assertThat(cache.get("home", () -> "v" + calls.incrementAndGet())).isEqualTo("v1");
        assertThat(calls).hasValue(1);
        assertThat(manager.stats("pages").localHits()).isEqualTo(1);
        assertThat(manager.stats("pages").loads()).isEqualTo(1);
    }

    @Test
    void localHitsAreCountedOnlyWhenStatsAreRecorded() {
        CacheManager plain = CacheManager.builder().build();
        Cache<String> c = plain.cache("c", Codec.string());
        c.get("k", () -> "v");
        c.get("k", () -> "v");
        assertThat(plain.stats("c").localHits()).isZero();
        assertThat(plain.stats("c").localMisses()).isEqualTo(1);
    }

    @Test
    void loaderExceptionReachesTheCallerAndCachesNothing() {
        assertThatThrownBy(() -> cache.get("home", () -> {
            throw new IllegalStateException("database down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        assertThat(cache.get("home", () -> "ok")).isEqualTo("ok");
        assertThat(manager.stats("pages").loadFailures()).isEqualTo(1);
    }

    @Test
    void nullKeysValuesAndLoaderResultsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> cache.get(null, () -> "x")).hasMessageContaining("key must not be null");
        assertThatThrownBy(() -> cache.put("k", null)).hasMessageContaining("value must not be null");
        assertThatThrownBy(() -> cache.get("k", () -> null))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("loader for key 'k' in cache 'pages' returned null");
        assertThat(cache.getIfPresent("k")).isEmpty();
    }

    @Test
    void putThenInvalidate() {
        cache.put("k", "one");
        assertThat(cache.get("k", () -> "loaded")).isEqualTo("one");
        cache.invalidate("k");
        assertThat(cache.getIfPresent("k")).isEmpty();
        assertThat(cache.get("k", () -> "loaded")).isEqualTo("loaded");
    }

    @Test
    void valueTheCodecCannotEncodeFailsThePutWithItsTypeAndLeavesTheCacheUnchanged() {
        Cache<Object> objects = manager.cache("objects", Codec.of("text", value -> {
            if (!(value instanceof CharSequence)) {
                throw new IllegalArgumentException("not text");
            }
            return value.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }, String::new));
        objects.put("k", "before");
        assertThatThrownBy(() -> objects.put("k", new java.util.ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cache 'objects'")
                .hasMessageContaining("java.util.ArrayList")
                .hasMessageContaining("codec 'text'");
        assertThat(objects.getIfPresent("k")).contains("before");
    }

    @Test
    void oversizedValueIsRefusedByPutAndReturnedUncachedFromALoader() {
        CacheManager small = CacheManager.builder().maxValueBytes(4).build();
        Cache<String> tiny = small.cache("tiny", Codec.string());
        assertThatThrownBy(() -> tiny.put("k", "12345"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("encodes to 5 bytes, over maxValueBytes 4");
        AtomicInteger calls = new AtomicInteger();
        assertThat(tiny.get("k", () -> "12345" + calls.incrementAndGet())).isEqualTo("123451");
        assertThat(tiny.get("k", () -> "12345" + calls.incrementAndGet())).isEqualTo("123452");
    }

    @Test
    void getAllLoadsOnlyTheMissingKeysInOneCall() {
        cache.put("a", "A");
        AtomicInteger calls = new AtomicInteger();
        Map<String, String> values = cache.getAll(List.of("a", "b", "c", "b"), keys -> {
            calls.incrementAndGet();
            assertThat(keys).containsExactly("b", "c");
            return Map.of("b", "B");
        });
        assertThat(values).containsExactly(Map.entry("a", "A"), Map.entry("b", "B"));
        assertThat(calls).hasValue(1);
        assertThat(cache.getAll(Set.of("b"), keys -> Map.of())).containsExactly(Map.entry("b", "B"));
    }

    @Test
    void namedCacheKeepsItsOwnTtl() {
        CacheManager short_ = CacheManager.builder().cache("flash", Duration.ofMillis(50)).build();
        Cache<String> flash = short_.cache("flash", Codec.string());
        Cache<String> lasting = short_.cache("lasting", Codec.string());
        flash.put("k", "v");
        lasting.put("k", "v");
        await().atMost(Duration.ofSeconds(5)).until(() -> flash.getIfPresent("k").isEmpty());
        assertThat(lasting.getIfPresent("k")).contains("v");
    }

    @Test
    void sameNameWithAnotherCodecIsRefused() {
        assertThatThrownBy(() -> manager.cache("pages", Codec.bytes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache 'pages' already uses codec 'string'");
    }

    @Test
    void bytesCacheStoresArrays() {
        Cache<byte[]> blobs = manager.cache("blobs", Codec.bytes());
        assertThat(blobs.get("k", () -> new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
    }

    @Test
    void localTierBoundedByBytesEvicts() {
        CacheManager bounded = CacheManager.builder().localMaximumBytes(100).build();
        Cache<String> c = bounded.cache("c", Codec.string());
        for (int i = 0; i < 50; i++) {
            c.put("k" + i, "0123456789");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> bounded.stats("c").evictions() >= 40);
    }
}
