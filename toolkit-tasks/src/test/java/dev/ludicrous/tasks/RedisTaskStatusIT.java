package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ludicrous.tasks.redis.RedisBroker;
import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** A sender node without workers follows, through its handles, tasks that a worker node runs. */
@RequiresRedis
class RedisTaskStatusIT {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String prefix;
    private RedisClient admin;

    @BeforeEach
    void setUp() {
        prefix = TestServices.uniqueName("tasks_status");
        admin = RedisTestSupport.client();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        RedisTestSupport.deleteKeys(admin, prefix);
        admin.close();
    }

    /** A node as a separate JVM would have it: its own pool, broker and (unless turned off) workers. */
    private Tasks node(UnaryOperator<Tasks.Builder> config) {
        RedisClient client = RedisTestSupport.client();
        opened.add(client);
        Tasks tasks = config.apply(Tasks.builder()).broker(RedisBroker.builder(client).keyPrefix(prefix)
                .pollInterval(Duration.ofMillis(20)).statusExpiry(Duration.ofMinutes(5)).build()).build();
        opened.add(tasks);
        return tasks;
    }

    @Test
    void theSendersHandleMovesFromQueuedToRunningToSucceededWhileAnotherNodeRunsIt() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TaskHandler<String> report = s -> {
            running.countDown();
            release.await();
        };
        Tasks sender = node(b -> b.worker(false).task("report", String.class, report));
        TaskHandle handle = sender.task("report", String.class).delay("march");
        CompletableFuture<TaskStatus> done = handle.completion().toCompletableFuture();

        assertThat(handle.status()).isEqualTo(TaskStatus.QUEUED);
        assertThat(handle.taskName()).isEqualTo("report");
        // One hash per 100 ms of task ids holds their records: the first 7 characters of an id.
        String states = prefix + ":st:" + handle.id().substring(0, 7);
        assertThat(admin.hget(states, handle.id())).isEqualTo("QUEUED\nreport\n");

        node(b -> b.concurrency(1).task("report", String.class, report));
        assertThat(running.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(handle::status, s -> s == TaskStatus.RUNNING);
        assertThat(done).isNotDone();

        release.countDown();
        assertThat(handle.await(WAIT)).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(done.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(handle.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(handle.error()).isEmpty();
        // The hash is kept statusExpiry (5 minutes here) after the last change recorded in it.
        assertThat(admin.hget(states, handle.id())).startsWith("SUCCEEDED\nreport");
        assertThat(admin.pttl(states)).isBetween(1L, Duration.ofMinutes(5).toMillis());
        // Any node can look the task up by its id, as with Celery's AsyncResult(id).
        TaskHandle byId = sender.handle(handle.id());
        assertThat(byId.status()).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(byId.taskName()).isEqualTo("report");
    }

    @Test
    void aRetriedTaskShowsRetryingAndEndsFailedWithItsError() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        TaskOptions options = TaskOptions.builder().maxRetries(1).backoff(Duration.ofSeconds(1)).jitter(false).build();
        TaskHandler<String> charge = s -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("payment API returned 503");
        };
        Tasks sender = node(b -> b.worker(false).task("charge", String.class, options, charge));
        node(b -> b.task("charge", String.class, options, charge));
        TaskHandle handle = sender.task("charge", String.class).delay("order-1");

        await().atMost(WAIT).until(handle::status, s -> s == TaskStatus.RETRYING);
        assertThat(handle.error()).contains("attempt 1 of 2 failed: java.lang.IllegalStateException: payment API returned 503");

        assertThat(handle.await(WAIT)).isEqualTo(TaskStatus.FAILED);
        assertThat(attempts).hasValue(2);
        assertThat(handle.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(handle.error()).contains(
                "handler failed after 2 attempts: java.lang.IllegalStateException: payment API returned 503");
    }

    @Test
    void aTaskNoWorkerDefinesEndsDeadWithTheReason() throws Exception {
        Tasks sender = node(b -> b.worker(false).task("mystery", String.class, s -> { }));
        node(b -> b.task("other", String.class, s -> { }));

        TaskHandle handle = sender.task("mystery", String.class).delay("x");

        assertThat(handle.await(WAIT)).isEqualTo(TaskStatus.DEAD);
        assertThat(handle.error()).contains("unknown task 'mystery': no worker of queue 'default' defines it");
    }

    @Test
    void anUnknownIdSaysSo() throws Exception {
        Tasks sender = node(b -> b.worker(false).task("report", String.class, s -> { }));

        TaskHandle unknown = sender.handle("no-such-task");

        assertThat(unknown.status()).isEqualTo(TaskStatus.UNKNOWN);
        assertThat(unknown.taskName()).isEmpty();
        assertThat(unknown.await(WAIT)).isEqualTo(TaskStatus.UNKNOWN);
    }

    @Test
    void waitingTimesOutWithTheCurrentStatusAndTheTaskGoesOn() throws Exception {
        Tasks sender = node(b -> b.worker(false).task("report", String.class, s -> { }));
        TaskHandle handle = sender.task("report", String.class).delay("april");

        assertThatThrownBy(() -> handle.await(Duration.ofMillis(50)))
                .isInstanceOf(TimeoutException.class)
                .hasMessage("task 'report' " + handle.id() + " did not end within PT0.05S; it is QUEUED");

        node(b -> b.task("report", String.class, s -> { }));
        assertThat(handle.await(WAIT)).isEqualTo(TaskStatus.SUCCEEDED);
    }

    @Test
    void aTaskSentWithoutStatusTrackingWritesNoState() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        TaskOptions untracked = TaskOptions.builder().trackStatus(false).build();
        Tasks sender = node(b -> b.worker(false).task("ping", String.class, untracked, s -> ran.countDown()));
        node(b -> b.task("ping", String.class, untracked, s -> ran.countDown()));

        TaskHandle handle = sender.task("ping", String.class).delay("x");

        assertThat(ran.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        await().atMost(WAIT).until(() -> admin.xpending(prefix + ":q:default", "workers").getTotal() == 0);
        assertThat(handle.status()).isEqualTo(TaskStatus.QUEUED); // what this JVM knows: it sent it
        assertThat(admin.keys(prefix + ":st:*")).isEmpty();
        assertThat(sender.handle(handle.id()).status()).isEqualTo(TaskStatus.UNKNOWN);
    }

    @Test
    void closingTasksFailsTheStagesStillWaiting() {
        Tasks sender = node(b -> b.worker(false).task("report", String.class, s -> { }));
        TaskHandle handle = sender.task("report", String.class).delay("may");
        CompletableFuture<TaskStatus> done = handle.completion().toCompletableFuture();

        sender.close();

        assertThatThrownBy(() -> done.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(IllegalStateException.class)
                .hasMessage("task " + handle.id() + " had not ended when Tasks was closed");
    }
}
