package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InProcessTasksTest {
    record Email(String to, String subject) {
    }

    private static TaskStatus finalStatus(TaskHandle handle) throws Exception {
        return handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void delayRunsTheHandlerInTheBackgroundAndTheHandleFollowsIt() throws Exception {
        Set<Email> sent = ConcurrentHashMap.newKeySet();
        try (Tasks tasks = Tasks.builder().task("send-email", Email.class, sent::add).build()) {
            TaskHandle handle = tasks.task("send-email", Email.class).delay(new Email("ann@example.com", "Hi"));

            assertThat(handle.id()).isNotBlank();
            assertThat(handle.taskName()).isEqualTo("send-email");
            assertThat(finalStatus(handle)).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(handle.status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(sent).containsExactly(new Email("ann@example.com", "Hi"));
        }
    }

    @Test
    void aFailingHandlerIsRetriedThenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskOptions fastRetries = TaskOptions.builder().maxRetries(3).backoff(Duration.ofMillis(1)).build();
        try (Tasks tasks = Tasks.builder().task("flaky", String.class, fastRetries, s -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("not yet");
            }
        }).build()) {
            TaskHandle handle = tasks.task("flaky", String.class).delay("x");

            assertThat(finalStatus(handle)).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(calls).hasValue(3);
            assertThat(tasks.deadLetters().size()).isZero();
        }
    }

    @Test
    void aHandlerThatKeepsFailingEndsInTheDeadLettersWithItsError() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskOptions options = TaskOptions.builder().maxRetries(2).backoff(Duration.ofMillis(1)).build();
        try (Tasks tasks = Tasks.builder().task("poison", String.class, options, s -> {
            calls.incrementAndGet();
            throw new IllegalStateException("mail server said no");
        }).build()) {
            TaskHandle handle = tasks.task("poison", String.class).delay("x");

            assertThat(finalStatus(handle)).isEqualTo(TaskStatus.FAILED);
            assertThat(handle.error()).contains(
                    "handler failed after 3 attempts: java.lang.IllegalStateException: mail server said no");
            assertThat(calls).hasValue(3);
            List<DeadLetter> dead = tasks.deadLetters().list(10);
            assertThat(dead).hasSize(1);
            DeadLetter letter = dead.get(0);
            assertThat(letter.taskId()).isEqualTo(handle.id());
            assertThat(letter.task()).isEqualTo("poison");
            assertThat(letter.attempts()).isEqualTo(3);
            assertThat(letter.reason()).isEqualTo("handler failed after 3 attempts");
            assertThat(letter.error()).isEqualTo("java.lang.IllegalStateException: mail server said no");
            assertThat(tasks.deadLetters().find(letter.id())).contains(letter);
        }
    }

    @Test
    void aDeadLetterCanBeRetriedOrDeleted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        TaskOptions noRetries = TaskOptions.builder().maxRetries(0).build();
        try (Tasks tasks = Tasks.builder().task("once-broken", String.class, noRetries, s -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first call fails");
            }
        }).build()) {
            Task<String> task = tasks.task("once-broken", String.class);
            TaskHandle first = task.delay("a");
            assertThat(finalStatus(first)).isEqualTo(TaskStatus.FAILED);
            String deadId = tasks.deadLetters().list(1).get(0).id();

            assertThat(tasks.deadLetters().retry(deadId)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> first.status() == TaskStatus.SUCCEEDED);
            assertThat(calls).hasValue(2);
            assertThat(tasks.deadLetters().size()).isZero();
            assertThat(tasks.deadLetters().retry(deadId)).isFalse();

            calls.set(0);
            TaskHandle second = task.delay("b");
            assertThat(finalStatus(second)).isEqualTo(TaskStatus.FAILED);
            String secondDead = tasks.deadLetters().list(1).get(0).id();
            assertThat(tasks.deadLetters().delete(secondDead)).isTrue();
            assertThat(tasks.deadLetters().find(secondDead)).isEmpty();
            assertThat(tasks.deadLetters().delete(secondDead)).isFalse();
        }
    }

    @Test
    void aSecondDelayWithTheSameIdempotencyKeyWhileTheFirstIsPendingIsANoOp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (Tasks tasks = Tasks.builder().task("charge", String.class, s -> {
            calls.incrementAndGet();
            release.await();
        }).build()) {
            Task<String> charge = tasks.task("charge", String.class);
            TaskOptions key = TaskOptions.builder().idempotencyKey("order-42").build();
            TaskHandle first = charge.delay("order-42", key);
            TaskHandle second = charge.delay("order-42", key);

            assertThat(second.duplicate()).isTrue();
            assertThat(second.id()).isEqualTo(first.id());
            release.countDown();
            assertThat(finalStatus(first)).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(calls).hasValue(1);

            TaskHandle afterwards = charge.delay("order-42", key);
            assertThat(afterwards.duplicate()).isFalse();
            assertThat(finalStatus(afterwards)).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void aCountdownTaskDoesNotStartEarly() throws Exception {
        AtomicLong startedAt = new AtomicLong();
        try (Tasks tasks = Tasks.builder().task("later", String.class, s -> startedAt.set(System.currentTimeMillis()))
                .build()) {
            long before = System.currentTimeMillis();
            TaskHandle handle = tasks.task("later", String.class)
                    .delay("x", TaskOptions.builder().countdown(Duration.ofMillis(300)).build());

            assertThat(handle.status()).isEqualTo(TaskStatus.QUEUED);
            assertThat(finalStatus(handle)).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(startedAt.get()).isGreaterThanOrEqualTo(before + 300);
        }
    }

    @Test
    void anEtaTaskDoesNotStartEarly() throws Exception {
        AtomicLong startedAt = new AtomicLong();
        try (Tasks tasks = Tasks.builder().task("at", String.class, s -> startedAt.set(System.currentTimeMillis()))
                .build()) {
            Instant eta = Instant.now().plusMillis(200);
            TaskHandle handle = tasks.task("at", String.class).delay("x", TaskOptions.builder().eta(eta).build());

            assertThat(finalStatus(handle)).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(startedAt.get()).isGreaterThanOrEqualTo(eta.toEpochMilli());
        }
    }

    @Test
    void aHandlerPastItsTimeLimitIsInterruptedAndFails() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger();
        TaskOptions options = TaskOptions.builder().timeLimit(Duration.ofMillis(50)).maxRetries(0).build();
        try (Tasks tasks = Tasks.builder().task("slow", String.class, options, s -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
        }).build()) {
            TaskHandle handle = tasks.task("slow", String.class).delay("x");

            assertThat(finalStatus(handle)).isEqualTo(TaskStatus.FAILED);
            assertThat(interrupted).hasValue(1);
            assertThat(tasks.deadLetters().list(1).get(0).error())
                    .startsWith("java.util.concurrent.TimeoutException: task 'slow' ran past its time limit of PT0.05S");
        }
    }

    @Test
    void concurrencyLimitsHowManyHandlersRunAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(200);
        try (Tasks tasks = Tasks.builder().concurrency(3).task("busy", Integer.class, i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.onSpinWait();
            running.decrementAndGet();
            done.countDown();
        }).build()) {
            Task<Integer> busy = tasks.task("busy", Integer.class);
            for (int i = 0; i < 200; i++) {
                busy.delay(i);
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(most.get()).isBetween(1, 3);
        }
    }

    @Test
    void aFullQueueRejectsTheCallInsteadOfDroppingTheTask() {
        try (Tasks tasks = Tasks.builder().worker(false).queueCapacity(1).offerTimeout(Duration.ZERO)
                .task("t", String.class, s -> { }).build()) {
            Task<String> task = tasks.task("t", String.class);
            task.delay("fits");

            assertThatThrownBy(() -> task.delay("does not fit"))
                    .isInstanceOf(TaskRejectedException.class)
                    .hasMessage("task 't' was not queued: queue 'default' stayed full (queueCapacity 1) for PT0S");
        }
    }

    @Test
    void aClosedTasksRejectsDelay() {
        Tasks tasks = Tasks.builder().task("t", String.class, s -> { }).build();
        Task<String> task = tasks.task("t", String.class);
        tasks.close();

        assertThatThrownBy(() -> task.delay("x")).isInstanceOf(TaskRejectedException.class)
                .hasMessage("task 't' was not queued: Tasks is shut down");
    }

    @Test
    void shutdownLetsRunningHandlersFinish() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        Tasks tasks = Tasks.builder().task("t", String.class, s -> {
            started.countDown();
            release.await();
            finished.incrementAndGet();
        }).build();
        TaskHandle handle = tasks.task("t", String.class).delay("x");
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        Thread releaser = new Thread(() -> {
            await().until(() -> handle.status() == TaskStatus.RUNNING);
            release.countDown();
        });
        releaser.start();

        assertThat(tasks.shutdown(Duration.ofSeconds(10))).isTrue();
        assertThat(finished).hasValue(1);
        assertThat(handle.status()).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void lookingUpAnUnknownTaskOrTheWrongTypeFails() {
        try (Tasks tasks = Tasks.builder().task("t", String.class, s -> { }).build()) {
            assertThatThrownBy(() -> tasks.task("nope", String.class))
                    .hasMessage("no task named 'nope'; registered: [t]");
            assertThatThrownBy(() -> tasks.task("t", Integer.class))
                    .hasMessage("task 't' takes java.lang.String, not java.lang.Integer");
        }
    }

    @Test
    void aListenerThatThrowsNeverFailsTheTask() throws Exception {
        TaskListener broken = new TaskListener() {
            @Override
            public void started(String task, Duration queueLatency) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (Tasks tasks = Tasks.builder().listener(broken).task("t", String.class, s -> { }).build()) {
            assertThat(finalStatus(tasks.task("t", String.class).delay("x"))).isEqualTo(TaskStatus.SUCCEEDED);
        }
    }
}
