package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ludicrous.tasks.redis.RedisBroker;
import dev.ludicrous.testsupport.CuttableProxy;
import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** A sender whose Redis goes away behind a proxy, and a worker on the real Redis. */
@RequiresRedis
class RedisOutageBufferIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private String prefix;
    private RedisClient admin;
    private CuttableProxy proxy;

    @BeforeEach
    void setUp() throws Exception {
        prefix = TestServices.uniqueName("tasks_outage");
        admin = RedisTestSupport.client();
        proxy = CuttableProxy.to(TestServices.redisUri());
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        proxy.close();
        RedisTestSupport.deleteKeys(admin, prefix);
        admin.close();
    }

    private <T extends AutoCloseable> T open(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    @Test
    void tasksDelayedWhileRedisIsUnreachableRunExactlyOnceInOrderWhenItIsBack() {
        int n = 50;
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        TaskHandler<Integer> job = i -> {
            order.add(i);
            runs.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
        };
        RedisClient viaProxy = open(RedisClient.create("redis://127.0.0.1:" + proxy.port()));
        RedisBroker senderBroker = RedisBroker.builder(viaProxy).keyPrefix(prefix).outageBuffer(n).build();
        Tasks sender = open(Tasks.builder().worker(false).task("job", Integer.class, job).broker(senderBroker).build());
        RedisClient direct = open(RedisTestSupport.client());
        open(Tasks.builder().concurrency(1).task("job", Integer.class, job)
                .broker(RedisBroker.builder(direct).keyPrefix(prefix).build()).build());
        Task<Integer> task = sender.task("job", Integer.class);

        proxy.cut();
        List<TaskHandle> handles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            handles.add(task.delay(i)); // no exception: kept in memory
        }
        assertThat(senderBroker.bufferedTasks()).isEqualTo(n);
        assertThat(handles.get(0).status()).isEqualTo(TaskStatus.QUEUED);
        assertThatThrownBy(() -> task.delay(n))
                .isInstanceOf(TaskRejectedException.class)
                .hasMessage("task 'job' was not queued: Redis could not be reached and the outage buffer is full"
                        + " (50 of 50 tasks wait for Redis); raise outageBuffer or check Redis");
        assertThat(admin.xlen(prefix + ":q:default")).isZero(); // the worker's group made the stream
        assertThat(order).isEmpty();

        proxy.restore();

        await().atMost(WAIT).until(() -> order.size() >= n && senderBroker.bufferedTasks() == 0
                && admin.xpending(prefix + ":q:default", "workers").getTotal() == 0);
        assertThat(order).containsExactlyElementsOf(IntStream.range(0, n).boxed().toList());
        assertThat(runs.values()).allSatisfy(count -> assertThat(count).hasValue(1));
        for (TaskHandle handle : handles) {
            await().atMost(WAIT).until(handle::status, s -> s == TaskStatus.SUCCEEDED);
        }
    }

    @Test
    void withoutTheBufferDelayFailsAtOnceWithAClearException() {
        RedisClient viaProxy = open(RedisClient.create("redis://127.0.0.1:" + proxy.port()));
        Tasks sender = open(Tasks.builder().worker(false).task("job", Integer.class, i -> { })
                .broker(RedisBroker.builder(viaProxy).keyPrefix(prefix).build()).build());

        proxy.cut();

        assertThatThrownBy(() -> sender.task("job", Integer.class).delay(1))
                .isInstanceOf(TaskRejectedException.class)
                .hasMessageStartingWith("task 'job' was not queued: Redis could not be reached or refused the write: ");
    }

    @Test
    void tasksStillBufferedAtCloseAreNotSentAndTheBufferIsEmptied() {
        RedisClient viaProxy = open(RedisClient.create("redis://127.0.0.1:" + proxy.port()));
        RedisBroker broker = RedisBroker.builder(viaProxy).keyPrefix(prefix).outageBuffer(10).build();
        Tasks sender = Tasks.builder().worker(false).task("job", Integer.class, i -> { }).broker(broker).build();
        proxy.cut();
        sender.task("job", Integer.class).delayAll(List.of(1, 2, 3));
        assertThat(broker.bufferedTasks()).isEqualTo(3);

        sender.close(); // logs an error naming the 3 tasks: they are lost, not silently dropped

        assertThat(broker.bufferedTasks()).isZero();
        assertThatThrownBy(() -> sender.task("job", Integer.class).delay(4)).isInstanceOf(TaskRejectedException.class);
        proxy.restore();
        assertThat(admin.exists(prefix + ":q:default")).isFalse();
    }
}
