package dev.ludicrous.benchmarks.profiling;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What one sampling tick costs the sampler thread: the batched {@code ThreadMXBean.getThreadInfo}
 * call that {@code Sampler} makes (one safepoint for all sampled threads), against one
 * {@code Thread.getStackTrace()} per thread (a global safepoint each on JDK 17, a handshake with
 * the one thread on JDK 19+), for 1 and 4 busy threads 40 frames deep.
 *
 * <p>Run on each JDK:
 * {@code java -jar examples/benchmarks/target/benchmarks.jar SampleCost -f 1 -wi 3 -w 1 -i 5 -r 1}
 * and with {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java}. The per-thread variant divided by the
 * batched one is the ratio docs/profiling.md reports.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class SampleCostBenchmark {
    @Param({"1", "4"})
    public int threads;

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private Thread[] busy;
    private long[] ids;
    private volatile boolean stop;

    @Setup(Level.Trial)
    public void start() throws InterruptedException {
        stop = false;
        busy = new Thread[threads];
        ids = new long[threads];
        CountDownLatch running = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            busy[i] = new Thread(() -> deep(40, running), "busy-" + i);
            busy[i].setDaemon(true);
            busy[i].start();
            ids[i] = busy[i].getId();
        }
        running.await();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        stop = true;
        for (Thread thread : busy) {
            thread.join();
        }
    }

    @Benchmark
    public ThreadInfo[] batchedGetThreadInfo() {
        return mx.getThreadInfo(ids, false, false, 257);
    }

    @Benchmark
    public void perThreadGetStackTrace(Blackhole blackhole) {
        for (Thread thread : busy) {
            blackhole.consume(thread.getStackTrace());
        }
    }

    private double deep(int depth, CountDownLatch running) {
        if (depth > 0) {
            return deep(depth - 1, running) + 1;
        }
        running.countDown();
        double x = 0;
        while (!stop) {
            x += Math.sqrt(x + 1);
        }
        return x;
    }
}
