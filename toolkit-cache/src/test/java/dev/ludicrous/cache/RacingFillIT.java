package dev.ludicrous.cache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.testsupport.RequiresRedis;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A read of Redis that a write overtakes: the reader got the older value from Redis, the write then
 * changed Redis and this node's local tier, and only then does the reader fill the local tier. The
 * older value must not stay there (it would be served until its TTL while Redis holds the newer).
 * The codec holds the reader between its read of Redis and its fill, so the order is exact.
 */
@RequiresRedis
class RacingFillIT {
    private final RedisFixture redis = new RedisFixture();
    private final CacheManager node = redis.manager(redis.client((String) null)).build();
    private final CountDownLatch decoding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean holdNextDecode = new AtomicBoolean();
    private final Cache<String> cache = node.cache("pages", Codec.of("held-string", value -> value.getBytes(UTF_8), bytes -> {
        if (holdNextDecode.compareAndSet(true, false)) {
            decoding.countDown();
            awaitRelease();
        }
        return new String(bytes, UTF_8);
    }));

    @AfterEach
    void cleanUp() {
        release.countDown();
        node.close();
        redis.close();
    }

    @Test
    void putWhileAReadOfRedisIsUnderWayLeavesTheNewValue() throws Exception {
        Optional<String> read = readWhile(List.of("k"), c -> c.put("k", "new")).get("k");

        assertThat(read).contains("old"); // what Redis held when it was read
        assertThat(cache.getIfPresent("k")).contains("new");
    }

    @Test
    void invalidateWhileAReadOfRedisIsUnderWayLeavesNothing() throws Exception {
        readWhile(List.of("k"), c -> c.invalidate("k"));

        assertThat(cache.getIfPresent("k")).isEmpty();
    }

    @Test
    void putWhileAGetAllIsUnderWayLeavesTheNewValue() throws Exception {
        Map<String, Optional<String>> read = readWhile(List.of("k", "other"), c -> c.put("k", "new"));

        assertThat(read).containsEntry("k", Optional.of("old")).containsEntry("other", Optional.of("old"));
        assertThat(cache.getIfPresent("k")).contains("new");
        assertThat(cache.getIfPresent("other")).contains("old");
    }

    /**
     * Stores "old" under each key in Redis only (not in this node's local tier), starts a read of
     * them on another thread, runs {@code write} while the read holds what Redis answered, then lets
     * the read finish and returns what it got.
     */
    private Map<String, Optional<String>> readWhile(List<String> keys, Consumer<Cache<String>> write) throws Exception {
        cache.put("seed", "old");
        byte[] stored = redis.raw.get(redis.valueKey("pages", "seed").getBytes(UTF_8));
        for (String key : keys) {
            redis.raw.set(redis.valueKey("pages", key).getBytes(UTF_8), stored);
        }
        holdNextDecode.set(true);
        CompletableFuture<Map<String, Optional<String>>> reading = CompletableFuture.supplyAsync(() -> {
            if (keys.size() == 1) {
                return Map.of(keys.get(0), cache.getIfPresent(keys.get(0)));
            }
            Map<String, String> values = cache.getAll(keys, missing -> Map.of());
            return keys.stream().collect(Collectors.toMap(key -> key, key -> Optional.ofNullable(values.get(key))));
        });
        assertThat(decoding.await(10, TimeUnit.SECONDS)).as("the read reached the codec").isTrue();
        write.accept(cache);
        release.countDown();
        return reading.get(10, TimeUnit.SECONDS);
    }

    private void awaitRelease() {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the read");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
