package dev.ludicrous.benchmarks.tasks;

import dev.ludicrous.tasks.Task;
import dev.ludicrous.tasks.TaskOptions;
import dev.ludicrous.tasks.Tasks;
import dev.ludicrous.tasks.redis.RedisBroker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.StreamEntry;

/**
 * No-op tasks, enqueue to completion, in one JVM: in-process, on Redis, and a raw Jedis
 * XADD/XREADGROUP/XACK loop with the same batching (producer pipelines 100 XADDs, 2 consumers read
 * COUNT 100 and acknowledge each batch with one XACK), measured in the same run so the ratio holds
 * on any machine. Prints tasks/s per run and the median; a main, not JMH, because the unit of work
 * is a whole queue draining across threads.
 *
 * <p>Run: {@code java -cp examples/benchmarks/target/benchmarks.jar dev.ludicrous.benchmarks.tasks.TasksThroughput
 * [inProcessTasks] [redisTasks] [runs]} (defaults 1000000 200000 5). Redis from {@code LUDICROUS_TEST_REDIS}
 * or {@code redis://127.0.0.1:6379}; keys under a fresh prefix, deleted afterwards.
 */
public final class TasksThroughput {
    private static final int BATCH = 100;
    private static final int CONSUMERS = 2;

    private TasksThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int inProcessTasks = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int redisTasks = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        String redisUrl = System.getenv().getOrDefault("LUDICROUS_TEST_REDIS", "redis://127.0.0.1:6379");
        System.out.printf(Locale.ROOT, "JDK %s, %d processors; in-process %d tasks, Redis %d tasks, %d runs (first is warm-up)%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(), inProcessTasks, redisTasks, runs);

        double[] inProcess = new double[runs];
        for (int i = 0; i < runs; i++) {
            inProcess[i] = inProcess(inProcessTasks);
            System.out.printf(Locale.ROOT, "  in-process run %d: %,.0f tasks/s%n", i, inProcess[i]);
        }
        CpuMeter.Measured[] ours = new CpuMeter.Measured[runs];
        CpuMeter.Measured[] untracked = new CpuMeter.Measured[runs];
        CpuMeter.Measured[] raw = new CpuMeter.Measured[runs];
        try (RedisClient client = RedisClient.create(redisUrl)) {
            for (int i = 0; i < runs; i++) {
                raw[i] = rawStreams(client, redisTasks);
                // Alternate which goes first, so neither always follows the raw loop.
                if (i % 2 == 0) {
                    ours[i] = redisTasks(client, redisTasks, true);
                    untracked[i] = redisTasks(client, redisTasks, false);
                } else {
                    untracked[i] = redisTasks(client, redisTasks, false);
                    ours[i] = redisTasks(client, redisTasks, true);
                }
                System.out.printf(Locale.ROOT, "  Redis run %d: ours %,.0f tasks/s (trackStatus off: %,.0f), raw Jedis %,.0f"
                        + " tasks/s, ratio %.2f (off: %.2f)%n", i, ours[i].tasksPerSecond(),
                        untracked[i].tasksPerSecond(), raw[i].tasksPerSecond(),
                        ours[i].tasksPerSecond() / raw[i].tasksPerSecond(),
                        untracked[i].tasksPerSecond() / raw[i].tasksPerSecond());
            }
        }
        double[] ratios = new double[runs];
        double[] untrackedRatios = new double[runs];
        for (int i = 0; i < runs; i++) {
            ratios[i] = ours[i].tasksPerSecond() / raw[i].tasksPerSecond();
            untrackedRatios[i] = untracked[i].tasksPerSecond() / raw[i].tasksPerSecond();
        }
        System.out.printf(Locale.ROOT, "in-process: median %,.0f tasks/s (goal >= 200,000)%n", median(inProcess));
        System.out.printf(Locale.ROOT, "Redis: median %,.0f tasks/s (goal >= 20,000); raw Jedis loop median %,.0f tasks/s;"
                + " median of the per-run ratios %.2f (goal >= 0.5)%n", median(ours, CpuMeter.Measured::tasksPerSecond),
                median(raw, CpuMeter.Measured::tasksPerSecond), median(ratios));
        System.out.printf(Locale.ROOT, "Redis with trackStatus(false): median %,.0f tasks/s; median ratio %.2f%n",
                median(untracked, CpuMeter.Measured::tasksPerSecond), median(untrackedRatios));
        // Producer, workers and Redis share the cores: CPU per task says where a task's cost goes.
        System.out.printf(Locale.ROOT, "CPU per task, median (Redis / this JVM): ours %.2f / %.2f us, trackStatus(false)"
                + " %.2f / %.2f us, raw loop %.2f / %.2f us%n",
                median(ours, CpuMeter.Measured::redisMicros), median(ours, CpuMeter.Measured::jvmMicros),
                median(untracked, CpuMeter.Measured::redisMicros), median(untracked, CpuMeter.Measured::jvmMicros),
                median(raw, CpuMeter.Measured::redisMicros), median(raw, CpuMeter.Measured::jvmMicros));
    }

    private static double median(CpuMeter.Measured[] runs, java.util.function.ToDoubleFunction<CpuMeter.Measured> what) {
        double[] values = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            values[i] = what.applyAsDouble(runs[i]);
        }
        return median(values);
    }

    private static double median(double[] values) {
        double[] measured = Arrays.copyOfRange(values, values.length > 1 ? 1 : 0, values.length);
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    static double inProcess(int total) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(total);
        try (Tasks tasks = Tasks.builder().concurrency(CONSUMERS).queueCapacity(100_000)
                .task("noop", Integer.class, n -> done.countDown()).build()) {
            Task<Integer> noop = tasks.task("noop", Integer.class);
            Integer payload = 7;
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                noop.delay(payload);
            }
            done.await();
            return total / ((System.nanoTime() - start) / 1e9);
        }
    }

    static CpuMeter.Measured redisTasks(RedisClient client, int total, boolean trackStatus) throws InterruptedException {
        String prefix = "bench_tasks_" + System.nanoTime();
        CountDownLatch done = new CountDownLatch(total);
        try (Tasks tasks = Tasks.builder().concurrency(CONSUMERS).prefetch(BATCH)
                .defaults(TaskOptions.builder().trackStatus(trackStatus).build())
                .broker(RedisBroker.builder(client).keyPrefix(prefix).build())
                .task("noop", Integer.class, n -> done.countDown()).build()) {
            Task<Integer> noop = tasks.task("noop", Integer.class);
            List<Integer> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(7);
            }
            CpuMeter cpu = CpuMeter.start(client);
            long start = System.nanoTime();
            for (int sent = 0; sent < total; sent += BATCH) {
                noop.delayAll(batch);
            }
            done.await();
            return cpu.stop(total, start);
        } finally {
            client.del(prefix + ":q:default", prefix + ":delayed:default", prefix + ":dead");
            deleteStates(client, prefix);
        }
    }

    /** Removes the status records of one run (they would expire after a day). */
    static void deleteStates(RedisClient client, String prefix) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(prefix + ":st:*")
                .count(10_000);
        do {
            ScanResult<String> page = client.scan(cursor, params);
            if (!page.getResult().isEmpty()) {
                client.unlink(page.getResult().toArray(new String[0]));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    static CpuMeter.Measured rawStreams(RedisClient client, int total) throws InterruptedException {
        String stream = "bench_raw_" + System.nanoTime();
        client.xgroupCreate(stream, "workers", new StreamEntryID(0, 0), true);
        AtomicLong consumed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        List<Thread> consumers = new ArrayList<>();
        for (int c = 0; c < CONSUMERS; c++) {
            String name = "c" + c;
            Thread consumer = new Thread(() -> {
                XReadGroupParams params = XReadGroupParams.xReadGroupParams().count(BATCH).block(100);
                Map<String, StreamEntryID> from = Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY);
                while (consumed.get() < total) {
                    List<Map.Entry<String, List<StreamEntry>>> read = client.xreadGroup("workers", name, params, from);
                    if (read == null) {
                        continue;
                    }
                    for (Map.Entry<String, List<StreamEntry>> entries : read) {
                        List<StreamEntry> list = entries.getValue();
                        StreamEntryID[] ids = new StreamEntryID[list.size()];
                        for (int i = 0; i < ids.length; i++) {
                            ids[i] = list.get(i).getID();
                        }
                        client.xack(stream, "workers", ids);
                        if (consumed.addAndGet(ids.length) >= total) {
                            done.countDown();
                        }
                    }
                }
            });
            consumers.add(consumer);
            consumer.start();
        }
        Map<String, String> fields = Map.of("m", "7");
        CpuMeter cpu = CpuMeter.start(client);
        long start = System.nanoTime();
        for (int sent = 0; sent < total; sent += BATCH) {
            try (AbstractPipeline pipeline = client.pipelined()) {
                for (int i = 0; i < BATCH; i++) {
                    pipeline.xadd(stream, XAddParams.xAddParams(), fields);
                }
                pipeline.sync();
            }
        }
        done.await(5, TimeUnit.MINUTES);
        CpuMeter.Measured measured = cpu.stop(total, start);
        for (Thread consumer : consumers) {
            consumer.join();
        }
        client.del(stream);
        return measured;
    }
}
