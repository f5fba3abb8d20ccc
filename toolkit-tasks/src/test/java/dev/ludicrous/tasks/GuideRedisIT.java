package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ludicrous.tasks.GuideExamplesTest.Email;
import dev.ludicrous.tasks.redis.RedisBroker;
import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/** Runs the Redis examples of docs/tasks.md against the real Redis. */
@RequiresRedis
class GuideRedisIT {
    @Test
    void redisSetUp() {
        String prefix = TestServices.uniqueName("tasks_guide");
        String redisUrl = TestServices.redisUri().toString();
        Set<Email> sent = ConcurrentHashMap.newKeySet();
        Email email = new Email("ann@example.com", "Welcome");
        // snippet: redis-setup
        RedisClient redis = RedisClient.create(redisUrl);          // Jedis 8, pooled
        Tasks tasks = Tasks.builder()
                .broker(RedisBroker.builder(redis)
                        .keyPrefix(prefix)                         // nodes sharing it share the queues
                        .visibilityTimeout(Duration.ofMinutes(1))  // how long a dead node's tasks wait
                        .deliveryCap(5)
                        .build())
                .concurrency(8)
                .task("send-email", Email.class, sent::add)
                .build();

        tasks.task("send-email", Email.class).delay(email);
        // end-snippet
        await().atMost(Duration.ofSeconds(20)).until(() -> sent.contains(email));
        tasks.close();
        RedisTestSupport.deleteKeys(redis, prefix);
        redis.close();
    }

    @Test
    void followATaskOnAnyNode() throws Exception {
        String prefix = TestServices.uniqueName("tasks_guide");
        RedisClient redis = RedisClient.create(TestServices.redisUri());
        Set<Email> sent = ConcurrentHashMap.newKeySet();
        Email email = new Email("ann@example.com", "Welcome");
        List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        Tasks tasks = Tasks.builder().worker(false).task("send-email", Email.class, sent::add)
                .broker(RedisBroker.builder(redis).keyPrefix(prefix).build()).build();
        Tasks worker = Tasks.builder().task("send-email", Email.class, sent::add)
                .broker(RedisBroker.builder(redis).keyPrefix(prefix).build()).build();
        Task<Email> sendEmail = tasks.task("send-email", Email.class);
        // snippet: task-status
        TaskHandle handle = sendEmail.delay(email);               // on a node without workers
        String id = handle.id();                                  // keep it, e.g. in the session
        TaskStatus now = handle.status();                         // QUEUED, RUNNING, ... read from Redis
        TaskStatus end = handle.await(Duration.ofSeconds(30));    // or handle.completion(), a stage
        if (end != TaskStatus.SUCCEEDED) {
            alerts.add(id + " ended " + end + ": " + handle.error().orElse(""));
        }
        // Later, in another request or on another node:
        TaskStatus later = tasks.handle(id).status();             // UNKNOWN for an id never sent
        // end-snippet
        assertThat(now).isIn(TaskStatus.QUEUED, TaskStatus.RUNNING, TaskStatus.SUCCEEDED);
        assertThat(end).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(later).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(alerts).isEmpty();
        assertThat(sent).containsExactly(email);
        worker.close();
        tasks.close();
        RedisTestSupport.deleteKeys(redis, prefix);
        redis.close();
    }

    @Test
    void redisOptions() {
        String prefix = TestServices.uniqueName("tasks_guide");
        RedisClient redis = RedisClient.create(TestServices.redisUri());
        Set<Email> sent = ConcurrentHashMap.newKeySet();
        Set<String> views = ConcurrentHashMap.newKeySet();
        // snippet: redis-options
        Tasks tasks = Tasks.builder()
                .broker(RedisBroker.builder(redis)
                        .keyPrefix(prefix)
                        .outageBuffer(10_000)                // kept in memory while Redis is down
                        .statusExpiry(Duration.ofHours(6))   // Celery's result_expires (1 day)
                        .build())
                .task("send-email", Email.class, sent::add)
                .task("count-view", String.class,
                        TaskOptions.builder().trackStatus(false).build(),   // Celery's ignore_result
                        views::add)
                .build();
        // end-snippet
        TaskHandle view = tasks.task("count-view", String.class).delay("post-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> views.contains("post-1"));
        assertThat(view.status()).isEqualTo(TaskStatus.QUEUED); // untracked: the sender knows only that it sent it
        tasks.close();
        RedisTestSupport.deleteKeys(redis, prefix);
        redis.close();
    }

    @Test
    void idempotentHandler() {
        String prefix = TestServices.uniqueName("tasks_guide");
        RedisClient redis = RedisClient.create(TestServices.redisUri());
        Set<String> charged = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        // snippet: idempotent-handler
        TaskHandler<String> chargeOrder = orderId -> {
            // SET NX succeeds once per order, however often the task is delivered.
            String first = redis.set(prefix + ":charged:" + orderId, "1",
                    SetParams.setParams().nx().ex(86_400));
            if ("OK".equals(first)) {
                charged.add(orderId);   // the side effect, done once
            }
        };
        // end-snippet
        Tasks tasks = Tasks.builder().broker(RedisBroker.builder(redis).keyPrefix(prefix).build())
                .task("charge", String.class, orderId -> {
                    chargeOrder.run(orderId);
                    runs.incrementAndGet();
                }).build();
        Task<String> charge = tasks.task("charge", String.class);
        charge.delay("order-1");
        charge.delay("order-1");
        await().atMost(Duration.ofSeconds(20)).until(() -> runs.get() == 2);
        assertThat(charged).containsExactly("order-1");
        tasks.close();
        RedisTestSupport.deleteKeys(redis, prefix);
        redis.close();
    }
}
