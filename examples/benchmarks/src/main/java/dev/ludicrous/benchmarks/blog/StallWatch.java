package dev.ludicrous.benchmarks.blog;

import java.io.PrintStream;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Prints the stacks of every thread when a request has waited for its answer longer than
 * {@code after}: the blogs run in this JVM, so the dump shows where a stalled request is stuck
 * (a pool, a lock, a socket) while it is stuck. A stall too rare to reproduce at will (one
 * timed-out request in tens of thousands) then explains itself in the run's output. At most
 * {@code maxDumps} dumps per driver.
 */
final class StallWatch implements AutoCloseable {
    private static final int MAX_FRAMES = 64;

    private final AtomicLongArray sentAt; // per client: System.nanoTime() | 1 when sent, 0 when answered
    private final long[] reported; // the sentAt already dumped for, per client; timer thread only
    private final long afterNanos;
    private final int maxDumps;
    private final PrintStream out;
    private final ScheduledExecutorService timer;
    private int dumps; // timer thread only

    StallWatch(int clients, Duration after, int maxDumps, PrintStream out) {
        this.sentAt = new AtomicLongArray(clients);
        this.reported = new long[clients];
        this.afterNanos = after.toNanos();
        this.maxDumps = maxDumps;
        this.out = out;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-stall-watch");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, after.toMillis() / 4);
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    void sending(int client) {
        sentAt.set(client, System.nanoTime() | 1);
    }

    void answered(int client) {
        sentAt.set(client, 0);
    }

    private void check() {
        long now = System.nanoTime();
        for (int client = 0; client < sentAt.length(); client++) {
            long sent = sentAt.get(client);
            if (sent != 0 && sent != reported[client] && now - sent > afterNanos && dumps < maxDumps) {
                reported[client] = sent;
                dumps++;
                out.printf("  client %d has waited %d ms for an answer; stacks of all threads:%n", client,
                        (now - sent) / 1_000_000);
                dump();
            }
        }
    }

    private void dump() {
        for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            StringBuilder text = new StringBuilder("    \"").append(info.getThreadName()).append("\" ")
                    .append(info.getThreadState());
            if (info.getLockName() != null) {
                text.append(" on ").append(info.getLockName());
            }
            if (info.getLockOwnerName() != null) {
                text.append(" owned by \"").append(info.getLockOwnerName()).append('"');
            }
            text.append('\n');
            StackTraceElement[] frames = info.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
                text.append("        at ").append(frames[i]).append('\n');
            }
            for (LockInfo held : info.getLockedSynchronizers()) {
                text.append("        holds ").append(held).append('\n');
            }
            out.print(text);
        }
    }

    /** Stops watching; a dump being printed is finished first. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
