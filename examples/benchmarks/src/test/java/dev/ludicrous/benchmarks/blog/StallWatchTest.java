package dev.ludicrous.benchmarks.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StallWatchTest {
    @Test
    void aRequestWaitingPastTheBoundPrintsEveryThreadsStackOnce() throws InterruptedException {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        CountDownLatch printed = new CountDownLatch(1);
        OutputStream signalling = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                text.write(b);
                printed.countDown();
            }
        };
        try (StallWatch watch = new StallWatch(2, Duration.ofMillis(40), 1, new PrintStream(signalling, true,
                StandardCharsets.UTF_8))) {
            watch.sending(1);
            assertThat(printed.await(10, TimeUnit.SECONDS)).isTrue();
            watch.answered(1);
        }

        String dump;
        synchronized (signalling) {
            dump = text.toString(StandardCharsets.UTF_8);
        }
        assertThat(dump).startsWith("  client 1 has waited ")
                .contains("\"" + Thread.currentThread().getName() + "\"")
                .contains("StallWatchTest.aRequestWaitingPastTheBoundPrintsEveryThreadsStackOnce");
    }
}
