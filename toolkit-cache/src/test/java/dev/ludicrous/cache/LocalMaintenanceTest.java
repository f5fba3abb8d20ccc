package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalMaintenanceTest {
    @Test
    void outsideABulkReadMaintenanceRunsOnTheCallingThreadAtOnce() {
        List<Thread> ranOn = new CopyOnWriteArrayList<>();

        LocalMaintenance.INSTANCE.execute(() -> ranOn.add(Thread.currentThread()));

        assertThat(ranOn).containsExactly(Thread.currentThread());
    }

    @Test
    void insideABulkReadItRunsOnceAfterTheReadOnAnotherThread() throws InterruptedException {
        List<Thread> ranOn = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        Runnable maintenance = () -> {
            ranOn.add(Thread.currentThread());
            done.countDown();
        };

        assertThat(LocalMaintenance.defer()).isTrue();
        assertThat(LocalMaintenance.defer()).isFalse(); // a nested bulk read leaves it to the outer one
        LocalMaintenance.INSTANCE.execute(maintenance);
        LocalMaintenance.INSTANCE.execute(maintenance); // Caffeine asks again before it ran
        assertThat(ranOn).isEmpty();
        LocalMaintenance.runDeferred();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ranOn).hasSize(1).doesNotContain(Thread.currentThread());
        LocalMaintenance.INSTANCE.execute(() -> ranOn.add(Thread.currentThread()));
        assertThat(ranOn).last().isEqualTo(Thread.currentThread()); // inline again after the read
    }

    @Test
    void aBulkFillOfAFullLocalTierOvershootsItsBoundByAtMostCaffeinesWriteBufferThenComesBack() {
        com.github.benmanes.caffeine.cache.Cache<String, String> local = Caffeine.newBuilder()
                .executor(LocalMaintenance.INSTANCE).maximumSize(10).build();

        assertThat(LocalMaintenance.defer()).isTrue();
        for (int i = 0; i < 5_000; i++) {
            local.put(Integer.toString(i), "post " + i);
        }
        // Caffeine evicts on the writing thread once its write buffer (128 per CPU, rounded up to a
        // power of two) is full.
        long buffer = 128L * Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 2 - 1);
        assertThat(local.estimatedSize()).isBetween(11L, 10 + buffer);
        LocalMaintenance.runDeferred();

        await().atMost(Duration.ofSeconds(10)).until(() -> local.estimatedSize() == 10);
    }
}
