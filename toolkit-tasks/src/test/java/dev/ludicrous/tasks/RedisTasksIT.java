package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ludicrous.tasks.redis.RedisBroker;
import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

@RequiresRedis
class RedisTasksIT {
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String prefix;
    private RedisClient admin;

    @BeforeEach
    void setUp() {
        prefix = TestServices.uniqueName("tasks_it");
        admin = RedisTestSupport.client();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (RuntimeException e) {
                // already closed by the test
            }
        }
        RedisTestSupport.deleteKeys(admin, prefix);
        admin.close();
    }

    /** One node: its own connection pool, broker and workers, as a separate JVM would have. */
    private record Node(RedisClient client, Tasks tasks) {
        void crash() {
            tasks.abort();
            client.close();
        }
    }

    private Node startNode(java.util.function.Function<RedisClient, RedisBroker> broker,
            java.util.function.UnaryOperator<Tasks.Builder> tasks) {
        RedisClient client = RedisTestSupport.client();
        opened.add(client);
        Tasks built = tasks.apply(Tasks.builder()).broker(broker.apply(client)).build();
        opened.add(built);
        return new Node(client, built);
    }

    private long pendingCount(String queue) {
        return admin.xpending(prefix + ":q:" + queue, "workers").getTotal();
    }

    @Test
    void tenThousandTasksSurviveANodeThatDiesMidRun() {
        int total = 10_000;
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, Boolean> effects = new ConcurrentHashMap<>();
        AtomicInteger effectCount = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        TaskHandler<Integer> handler = n -> {
            started.incrementAndGet();
            runs.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
            // Idempotent by its key: the effect happens once however often the task runs.
            if (effects.putIfAbsent("job-" + n, Boolean.TRUE) == null) {
                effectCount.incrementAndGet();
            }
        };
        java.util.function.Function<RedisClient, RedisBroker> broker = client -> RedisBroker.builder(client)
                .keyPrefix(prefix).visibilityTimeout(Duration.ofSeconds(1)).build();

        Node producer = startNode(broker, b -> b.worker(false).task("job", Integer.class, handler));
        Task<Integer> job = producer.tasks().task("job", Integer.class);
        List<TaskHandle> firsts = new ArrayList<>(total);
        for (int start = 0; start < total; start += 500) {
            for (int n = start; n < start + 500; n++) {
                firsts.add(job.delay(n, TaskOptions.builder().idempotencyKey("job-" + n).build()));
            }
        }
        // The same keys again while the first tasks are pending: every call is a no-op.
        for (int n = 0; n < 1_000; n++) {
            TaskHandle again = job.delay(n, TaskOptions.builder().idempotencyKey("job-" + n).build());
            assertThat(again.duplicate()).isTrue();
            assertThat(again.id()).isEqualTo(firsts.get(n).id());
        }

        Node doomed = startNode(broker, b -> b.concurrency(2).prefetch(100).task("job", Integer.class, handler));
        Node survivor = startNode(broker, b -> b.concurrency(2).prefetch(100).task("job", Integer.class, handler));
        await().atMost(Duration.ofSeconds(60)).until(() -> started.get() >= total / 3);
        doomed.crash();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> runs.size() == total && pendingCount("default") == 0);

        assertThat(IntStream.range(0, total).filter(n -> runs.get(n) == null || runs.get(n).get() < 1)).isEmpty();
        assertThat(effectCount).hasValue(total);
        assertThat(effects).hasSize(total);
        assertThat(survivor.tasks().deadLetters().size()).isZero();
        assertThat(admin.zcard(prefix + ":delayed:default")).isZero();
        // Every idempotency key was released when its task ended.
        assertThat(admin.exists(prefix + ":idem:job-0")).isFalse();
        assertThat(admin.exists(prefix + ":idem:job-" + (total - 1))).isFalse();
    }

    @Test
    void aPoisonTaskThatKillsItsWorkerIsDeadLetteredAfterExactlyTheDeliveryCap() {
        AtomicInteger invocations = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        TaskHandler<String> poison = s -> {
            invocations.incrementAndGet();
            never.await(); // stands for a task that crashes its JVM: the node is killed while it runs
        };
        java.util.function.Function<RedisClient, RedisBroker> broker = client -> RedisBroker.builder(client)
                .keyPrefix(prefix).visibilityTimeout(Duration.ofMillis(300)).deliveryCap(3)
                .pollInterval(Duration.ofMillis(20)).build();
        Node producer = startNode(broker, b -> b.worker(false).task("poison", String.class, poison));
        TaskHandle handle = producer.tasks().task("poison", String.class).delay("boom");

        for (int delivery = 1; delivery <= 3; delivery++) {
            Node victim = startNode(broker, b -> b.concurrency(1).task("poison", String.class, poison));
            int expected = delivery;
            await().atMost(Duration.ofSeconds(20)).until(() -> invocations.get() == expected);
            victim.crash();
        }
        Node healthy = startNode(broker, b -> b.concurrency(1).task("poison", String.class, poison));

        await().atMost(Duration.ofSeconds(20)).until(() -> healthy.tasks().deadLetters().size() == 1);
        DeadLetter letter = healthy.tasks().deadLetters().list(10).get(0);
        assertThat(invocations).hasValue(3);
        assertThat(letter.taskId()).isEqualTo(handle.id());
        assertThat(letter.task()).isEqualTo("poison");
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.reason()).isEqualTo(
                "delivered 3 times without acknowledgement (delivery cap 3): its workers died or hung");
        assertThat(pendingCount("default")).isZero();
        // The recovery script records the end too, so the sender's handle says why.
        assertThat(handle.status()).isEqualTo(TaskStatus.DEAD);
        assertThat(handle.error()).contains(letter.reason());
    }

    @Test
    void aFailingHandlerIsRetriedThenDeadLetteredWithItsErrorAndCanBeRetriedFromThere() {
        AtomicInteger invocations = new AtomicInteger();
        AtomicInteger succeedFrom = new AtomicInteger(Integer.MAX_VALUE);
        TaskOptions options = TaskOptions.builder().maxRetries(2).backoff(Duration.ofMillis(10)).build();
        TaskHandler<String> handler = s -> {
            if (invocations.incrementAndGet() < succeedFrom.get()) {
                throw new IllegalStateException("payment API returned 503");
            }
        };
        Node node = startNode(client -> RedisBroker.builder(client).keyPrefix(prefix).pollInterval(Duration.ofMillis(20))
                .build(), b -> b.task("charge", String.class, options, handler));
        TaskHandle handle = node.tasks().task("charge", String.class).delay("order-1");

        await().atMost(Duration.ofSeconds(20)).until(() -> node.tasks().deadLetters().size() == 1);
        DeadLetter letter = node.tasks().deadLetters().list(1).get(0);
        assertThat(invocations).hasValue(3);
        assertThat(letter.taskId()).isEqualTo(handle.id());
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.reason()).isEqualTo("handler failed after 3 attempts");
        assertThat(letter.error()).isEqualTo("java.lang.IllegalStateException: payment API returned 503");
        assertThat(letter.args()).isEqualTo("\"order-1\"");
        assertThat(node.tasks().deadLetters().find(letter.id())).contains(letter);

        assertThat(handle.status()).isEqualTo(TaskStatus.FAILED);

        succeedFrom.set(4);
        assertThat(node.tasks().deadLetters().retry(letter.id())).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> invocations.get() == 4 && pendingCount("default") == 0);
        // Retried from the dead letters, the same task id is followed to its new end.
        await().atMost(Duration.ofSeconds(20)).until(handle::status, s -> s == TaskStatus.SUCCEEDED);
        assertThat(node.tasks().deadLetters().size()).isZero();
        assertThat(node.tasks().deadLetters().retry(letter.id())).isFalse();
        assertThat(node.tasks().deadLetters().delete(letter.id())).isFalse();
    }

    @Test
    void unknownTasksAndUndecodableArgumentsAreDeadLetteredWithTheReason() {
        java.util.function.Function<RedisClient, RedisBroker> broker = client -> RedisBroker.builder(client)
                .keyPrefix(prefix).build();
        Node producer = startNode(broker, b -> b.worker(false)
                .task("mystery", String.class, s -> { })
                .task("typed", String.class, s -> { }));
        Node worker = startNode(broker, b -> b.task("typed", Integer.class, n -> { }));

        TaskHandle unknown = producer.tasks().task("mystery", String.class).delay("x");
        TaskHandle undecodable = producer.tasks().task("typed", String.class).delay("not a number");
        admin.xadd(prefix + ":q:default", redis.clients.jedis.params.XAddParams.xAddParams(), Map.of("m", "garbage"));

        await().atMost(Duration.ofSeconds(20)).until(() -> worker.tasks().deadLetters().size() == 3);
        Map<String, DeadLetter> byTask = new ConcurrentHashMap<>();
        worker.tasks().deadLetters().list(10).forEach(l -> byTask.put(l.taskId().isEmpty() ? "raw" : l.taskId(), l));
        assertThat(byTask.get(unknown.id()).reason())
                .isEqualTo("unknown task 'mystery': no worker of queue 'default' defines it");
        assertThat(byTask.get(undecodable.id()).reason()).isEqualTo("arguments do not decode as java.lang.Integer");
        assertThat(byTask.get(undecodable.id()).error())
                .startsWith("java.lang.IllegalArgumentException: cannot decode JSON as java.lang.Integer");
        assertThat(byTask.get("raw").reason()).isEqualTo("message does not decode");
        assertThat(byTask.get("raw").args()).isEqualTo("garbage");
        assertThat(pendingCount("default")).isZero();
    }

    @Test
    void aDelayedTaskDoesNotRunBeforeItsCountdownByRedisTime() {
        AtomicLong ranAtRedisTime = new AtomicLong();
        RedisClient probe = RedisTestSupport.client();
        opened.add(probe);
        Node node = startNode(client -> RedisBroker.builder(client).keyPrefix(prefix).pollInterval(Duration.ofMillis(20))
                .build(), b -> b.task("later", String.class, s -> ranAtRedisTime.set(RedisTestSupport.redisTimeMillis(probe))));

        long sentAt = RedisTestSupport.redisTimeMillis(admin);
        node.tasks().task("later", String.class).delay("x", TaskOptions.builder().countdown(Duration.ofMillis(700)).build());
        assertThat(admin.zcard(prefix + ":delayed:default")).isEqualTo(1);

        await().atMost(Duration.ofSeconds(20)).until(() -> ranAtRedisTime.get() > 0);
        assertThat(ranAtRedisTime.get()).isGreaterThanOrEqualTo(sentAt + 700);
        assertThat(admin.zcard(prefix + ":delayed:default")).isZero();
    }

    @Test
    void aScheduleOnTwoNodesFiresOncePerPeriod() {
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger sends = new AtomicInteger();
        TaskListener countSends = new TaskListener() {
            @Override
            public void queued(String task, String queue) {
                sends.incrementAndGet();
            }
        };
        long period = 300;
        java.util.function.Function<RedisClient, RedisBroker> broker = client -> RedisBroker.builder(client)
                .keyPrefix(prefix).build();
        java.util.function.UnaryOperator<Tasks.Builder> node = b -> b.listener(countSends).scheduleTick(Duration.ofMillis(10))
                .task("refresh", String.class, s -> runs.incrementAndGet())
                .schedule("refresh-counts", Schedule.every(Duration.ofMillis(period)), "refresh", "all");
        Node first = startNode(broker, node);
        Node second = startNode(broker, node);

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.get() >= 6);
        first.tasks().close();
        second.tasks().close();

        List<Long> periods = new ArrayList<>();
        for (String key : admin.keys(prefix + ":sched:refresh-counts:*")) {
            periods.add(Long.parseLong(key.substring(key.lastIndexOf(':') + 1)));
        }
        // Both nodes tried every period; each period was claimed and sent exactly once.
        assertThat(sends.get()).isEqualTo(periods.size()).isGreaterThanOrEqualTo(6);
        assertThat(periods).allSatisfy(p -> assertThat(p % period).isZero());
        assertThat(periods).doesNotHaveDuplicates();
    }

    @Test
    void aTaskThatOutlivesTheVisibilityTimeoutIsNotTakenOverWhileItsNodeIsAlive() throws Exception {
        AtomicInteger invocations = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        TaskHandler<String> slow = s -> {
            invocations.incrementAndGet();
            release.await();
        };
        java.util.function.Function<RedisClient, RedisBroker> broker = client -> RedisBroker.builder(client)
                .keyPrefix(prefix).visibilityTimeout(Duration.ofMillis(300)).pollInterval(Duration.ofMillis(20)).build();
        Node first = startNode(broker, b -> b.concurrency(1).task("slow", String.class, slow));
        Node second = startNode(broker, b -> b.concurrency(1).task("slow", String.class, slow));
        first.tasks().task("slow", String.class).delay("report");

        await().atMost(Duration.ofSeconds(20)).until(() -> invocations.get() == 1);
        // Five visibility timeouts pass while the handler runs; the other node must not start it again.
        await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(5)).until(() -> invocations.get() == 1);
        release.countDown();

        await().atMost(Duration.ofSeconds(20)).until(() -> pendingCount("default") == 0);
        assertThat(invocations).hasValue(1);
        assertThat(second.tasks().deadLetters().size()).isZero();
    }

    @Test
    void shutdownHandsARunningTaskBackToAnotherNodeAfterTheGracePeriod() {
        AtomicInteger invocations = new AtomicInteger();
        CountDownLatch never = new CountDownLatch(1);
        TaskHandler<String> handler = s -> {
            if (invocations.incrementAndGet() == 1) {
                never.await(); // the first run outlasts the shutdown's grace period
            }
        };
        java.util.function.Function<RedisClient, RedisBroker> broker = client -> RedisBroker.builder(client)
                .keyPrefix(prefix).visibilityTimeout(Duration.ofMinutes(5)).build();
        Node leaving = startNode(broker, b -> b.concurrency(1).task("export", String.class, handler));
        leaving.tasks().task("export", String.class).delay("all");
        await().atMost(Duration.ofSeconds(20)).until(() -> invocations.get() == 1);
        Node staying = startNode(broker, b -> b.concurrency(1).task("export", String.class, handler));

        assertThat(leaving.tasks().shutdown(Duration.ofMillis(100))).isFalse();

        // Handed back at once: far sooner than the five-minute visibility timeout.
        await().atMost(Duration.ofSeconds(20)).until(() -> invocations.get() == 2 && pendingCount("default") == 0);
        assertThat(staying.tasks().deadLetters().size()).isZero();
    }
}
