package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class AfterCommitAndScheduleTest {
    /** A transaction the way a transaction manager runs callbacks: after it ends, with the outcome. */
    static final class Transaction implements TransactionHook {
        private final List<Consumer<Boolean>> callbacks = new ArrayList<>();

        @Override
        public void onCompletion(Consumer<Boolean> outcome) {
            callbacks.add(outcome);
        }

        void end(boolean committed) {
            callbacks.forEach(c -> c.accept(committed));
        }
    }

    @Test
    void aTaskDelayedAfterCommitIsSentOnlyWhenTheTransactionCommits() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        try (Tasks tasks = Tasks.builder().task("index-post", Long.class, id -> runs.incrementAndGet()).build()) {
            Task<Long> indexPost = tasks.task("index-post", Long.class);
            Transaction transaction = new Transaction();
            CompletionStage<TaskHandle> sent = indexPost.delayAfterCommit(transaction, 42L);

            assertThat(sent.toCompletableFuture()).isNotDone();
            transaction.end(true);
            TaskHandle handle = sent.toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(runs).hasValue(1);
        }
    }

    @Test
    void aRollbackSendsNothing() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger queued = new AtomicInteger();
        TaskListener countQueued = new TaskListener() {
            @Override
            public void queued(String task, String queue) {
                queued.incrementAndGet();
            }
        };
        try (Tasks tasks = Tasks.builder().listener(countQueued)
                .task("index-post", Long.class, id -> runs.incrementAndGet()).build()) {
            Transaction transaction = new Transaction();
            CompletionStage<TaskHandle> sent = tasks.task("index-post", Long.class).delayAfterCommit(transaction, 42L);
            transaction.end(false);

            Throwable outcome = sent.handle((handle, error) -> error).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(outcome).isInstanceOf(CancellationException.class)
                    .hasMessage("task 'index-post' was not sent: the transaction rolled back");
            assertThat(queued).hasValue(0);
            assertThat(runs).hasValue(0);
        }
    }

    @Test
    void aFixedRateScheduleFiresOncePerPeriod() {
        AtomicInteger runs = new AtomicInteger();
        try (Tasks tasks = Tasks.builder().scheduleTick(Duration.ofMillis(10))
                .task("refresh-counts", String.class, s -> runs.incrementAndGet())
                .schedule("counts", Schedule.every(Duration.ofMillis(200)), "refresh-counts", "all")
                .build()) {
            await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() >= 3);
        }
    }
}
