package dev.ludicrous.benchmarks.tasks;

import java.lang.management.ManagementFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * CPU spent over one measured window by Redis (its {@code INFO cpu}, all its threads) and by this
 * JVM (all its threads), per task: where the cost of a task goes when producer, workers and Redis
 * share two cores.
 */
final class CpuMeter {
    private final UnifiedJedis redis;
    private final double redisStart;
    private final long jvmStartNanos;

    private CpuMeter(UnifiedJedis redis) {
        this.redis = redis;
        this.redisStart = redisCpuSeconds(redis.info("cpu"));
        this.jvmStartNanos = jvmCpuNanos();
    }

    static CpuMeter start(UnifiedJedis redis) {
        return new CpuMeter(redis);
    }

    /** Ends the window: throughput and CPU microseconds per task. */
    Measured stop(int tasks, long startNanos) {
        long elapsed = System.nanoTime() - startNanos;
        double redisSeconds = redisCpuSeconds(redis.info("cpu")) - redisStart;
        long jvmNanos = jvmCpuNanos() - jvmStartNanos;
        return new Measured(tasks / (elapsed / 1e9), redisSeconds * 1e6 / tasks, jvmNanos / 1e3 / tasks);
    }

    /** Sums {@code used_cpu_sys} and {@code used_cpu_user} of an {@code INFO cpu} reply. */
    static double redisCpuSeconds(String info) {
        double seconds = 0;
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return seconds;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One run: tasks per second, and CPU microseconds per task in Redis and in this JVM. */
    record Measured(double tasksPerSecond, double redisMicros, double jvmMicros) {
    }
}
