package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SingleFlightTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final CacheManager manager = CacheManager.builder().build();
    private final Cache<String> cache = manager.cache("c", Codec.string());

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void concurrentMissesOfOneKeyRunTheLoaderOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> cache.get("k", () -> {
                calls.incrementAndGet();
                block(release);
                return "value";
            })));
        }
        // Every caller is either running the loader or waiting on it before the loader may finish.
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats("c").localMisses() == 8);
        release.countDown();
        for (Future<String> result : results) {
            assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("value");
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void waitersReceiveTheLoadersException() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Future<String> first = pool.submit(() -> cache.get("k", () -> {
            block(release);
            throw new IllegalStateException("boom");
        }));
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats("c").localMisses() == 1);
        Future<String> second = pool.submit(() -> cache.get("k", () -> "never"));
        await().atMost(Duration.ofSeconds(10)).until(() -> manager.stats("c").localMisses() == 2);
        release.countDown();
        assertThatThrownBy(first::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
        // The second caller either joined the failing load, or came after it and loaded its own value.
        try {
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("never");
        } catch (ExecutionException e) {
            assertThat(e).hasRootCauseMessage("boom");
        }
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
