package dev.ludicrous.profiling;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one sampler thread of the JVM: wakes when a recording is due, samples all due threads in
 * one batched call, and parks until the next one is due (or indefinitely when none is open).
 */
final class SamplingLoop {
    private static final Logger LOG = LoggerFactory.getLogger(SamplingLoop.class);
    private static final long RESTART_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long MAX_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long HEARTBEAT_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final long ERROR_LOG_PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final SamplingLoop SHARED = new SamplingLoop(StackSource.forThisJvm(), "ludicrous-profiler-sampler");

    private final StackSource source;
    private final String threadName;
    private final boolean autoStart;
    private final Set<Recording> recordings = ConcurrentHashMap.newKeySet();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile Thread thread;
    private volatile boolean idle;
    // When the thread will next wake by itself; a recording due sooner wakes it early.
    private volatile long plannedWake;
    private volatile boolean ticking;
    private volatile long lastDeath = Long.MIN_VALUE;
    private long lastErrorLog = Long.MIN_VALUE;
    private volatile long lastPending = System.nanoTime() - LINGER_NANOS;
    private Recording[] due = new Recording[16];
    private Thread[] threads = new Thread[16];
    private long[] ids = new long[16];

    SamplingLoop(StackSource source, String threadName) {
        this(source, threadName, true);
    }

    /** With {@code autoStart} false no thread is started: a test calls {@link #tick()} itself. */
    SamplingLoop(StackSource source, String threadName, boolean autoStart) {
        this.source = source;
        this.threadName = threadName;
        this.autoStart = autoStart;
    }

    static SamplingLoop shared() {
        return SHARED;
    }

    void register(Recording recording) {
        recordings.add(recording);
        Thread current = thread;
        if (current == null) {
            if (autoStart) {
                startThread(null);
            }
        } else if (idle || recording.nextDue - plannedWake < 0
                || (ticking && recording.state == Recording.ACTIVE)) {
            // A delayed recording registered during a tick is seen at the next wake, at most a
            // heartbeat late: not worth waking the thread for on every slow-mode request.
            if (recording.state == Recording.PENDING) {
                lastPending = System.nanoTime();
            }
            LockSupport.unpark(current);
        }
    }

    boolean unregister(Recording recording) {
        return recordings.remove(recording);
    }

    int restarts() {
        return restarts.get();
    }

    Thread thread() {
        return thread;
    }

    private synchronized void startThread(Thread dead) {
        if (thread != dead) {
            return;
        }
        Thread started = new Thread(this::run, threadName);
        started.setDaemon(true);
        started.setUncaughtExceptionHandler(this::died);
        thread = started;
        started.start();
    }

    private void died(Thread dead, Throwable cause) {
        LOG.error("The profiler's sampler thread {} died; starting a new one. Requests are not affected.",
                dead.getName(), cause);
        lastDeath = System.nanoTime();
        restarts.incrementAndGet();
        startThread(dead);
    }

    private void run() {
        long sinceDeath = System.nanoTime() - lastDeath;
        if (lastDeath != Long.MIN_VALUE && sinceDeath < RESTART_BACKOFF_NANOS) {
            // Something kills the thread at once: do not spin on it.
            LockSupport.parkNanos(RESTART_BACKOFF_NANOS - sinceDeath);
        }
        while (true) {
            long sleep;
            ticking = true;
            try {
                sleep = tick();
            } catch (RuntimeException e) {
                logTickFailure(e);
                sleep = TimeUnit.MILLISECONDS.toNanos(10);
            }
            plannedWake = System.nanoTime() + sleep;
            // A recording registered while ticking saw ticking == true and unparked: the permit
            // makes the park below return at once, so the next tick sees it.
            ticking = false;
            if (sleep > 0) {
                LockSupport.parkNanos(this, sleep);
            } else if (sleep < 0) {
                if (System.nanoTime() - lastPending < LINGER_NANOS) {
                    // Slow mode registers a delayed recording per request and most end before their
                    // delay: keep a slow heartbeat instead of being woken by each of them.
                    plannedWake = System.nanoTime() + HEARTBEAT_NANOS;
                    LockSupport.parkNanos(this, HEARTBEAT_NANOS);
                    continue;
                }
                idle = true;
                if (recordings.isEmpty()) {
                    LockSupport.park(this);
                }
                idle = false;
            }
        }
    }

    /** Returns nanoseconds until the next recording is due, 0 to tick again, -1 when none is open. */
    long tick() {
        if (recordings.isEmpty()) {
            return -1;
        }
        long now = System.nanoTime();
        long nextWake = Long.MAX_VALUE;
        int count = 0;
        int maxDepth = 1;
        for (Recording recording : recordings) {
            int state = recording.state;
            if (state == Recording.PENDING) {
                lastPending = now;
                if (now - recording.activateAt < 0) {
                    nextWake = Math.min(nextWake, recording.activateAt);
                    continue;
                }
                if (!recording.sampler.activate(recording)) {
                    continue;
                }
                state = Recording.ACTIVE;
            }
            if (state != Recording.ACTIVE) {
                recordings.remove(recording);
                continue;
            }
            if (now - recording.nextDue < 0) {
                nextWake = Math.min(nextWake, recording.nextDue);
                continue;
            }
            if (count == due.length) {
                due = java.util.Arrays.copyOf(due, count * 2);
                threads = java.util.Arrays.copyOf(threads, count * 2);
                ids = java.util.Arrays.copyOf(ids, count * 2);
            }
            due[count] = recording;
            threads[count] = recording.thread;
            ids[count] = recording.threadId;
            maxDepth = Math.max(maxDepth, recording.sampler.maxDepth + 1);
            count++;
        }
        if (count > 0) {
            StackTraceElement[][] stacks = source.stacks(threads, ids, count, maxDepth);
            long after = System.nanoTime();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < count; i++) {
                Recording recording = due[i];
                due[i] = null;
                threads[i] = null;
                if (recording.fold(stacks[i])) {
                    long next = after + recording.sampler.nextDelay(recording.intervalNanos, random.nextDouble());
                    recording.nextDue = next;
                    nextWake = Math.min(nextWake, next);
                } else {
                    // Stopped meanwhile, or at its sample cap: nothing more to take.
                    recordings.remove(recording);
                }
            }
        }
        if (nextWake == Long.MAX_VALUE) {
            return recordings.isEmpty() ? -1 : 0;
        }
        return Math.min(MAX_PARK_NANOS, Math.max(1, nextWake - System.nanoTime()));
    }

    private void logTickFailure(RuntimeException e) {
        long now = System.nanoTime();
        if (lastErrorLog == Long.MIN_VALUE || now - lastErrorLog > ERROR_LOG_PERIOD_NANOS) {
            lastErrorLog = now;
            LOG.warn("The profiler's sampler could not take a sample ({}); profiles may miss samples."
                    + " Logged at most once a minute.", e.toString());
        }
    }
}
