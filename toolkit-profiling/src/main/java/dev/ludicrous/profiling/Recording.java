package dev.ludicrous.profiling;

import java.time.Duration;

/**
 * The sampling of one thread for a while, typically one request. Started by {@link Sampler};
 * ended by {@link #stop()} or {@link #close()}, which must be called by the code that started it
 * (a try-with-resources block or a {@code finally}).
 *
 * <p>Thread-safe: the sampler thread folds samples in while the owner may call {@link #stop()}
 * at any time. After {@code stop()} no sample is added.
 */
public final class Recording implements StackRecording {
    static final int PENDING = 0;
    static final int ACTIVE = 1;
    static final int STOPPED = 2;
    static final int SKIPPED = 3;

    private static final String TRUNCATED = "[truncated]";

    final Thread thread;
    final long threadId;
    final long intervalNanos;
    final long activateAt;
    final Sampler sampler;
    private final Duration interval;
    private final FrameTree tree;

    // Written by the sampler thread and stop(); read without the lock by the loop's scan.
    volatile int state;
    volatile long nextDue;
    private volatile boolean everActive;
    private volatile long sampleCount;
    private volatile long cpuAtStart = -1;
    private volatile long allocatedAtStart = -1;
    private long truncatedStacks;
    private boolean samplesCapped;
    private String[] classScratch;
    private String[] methodScratch;
    private StackTree result;

    Recording(Sampler sampler, Thread thread, Duration interval, long activateAt, int state) {
        this.sampler = sampler;
        this.thread = thread;
        this.threadId = thread.getId();
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
        this.activateAt = activateAt;
        this.state = state;
        this.nextDue = activateAt;
        this.tree = new FrameTree(sampler.maxNodes);
        this.everActive = state == ACTIVE;
    }

    /**
     * Returns whether samples are being taken: false while a delayed recording waits for its
     * delay to pass, after it was skipped because the sampler was at its cap, and after stop.
     *
     * @return whether the sampler is taking samples of this thread now
     */
    public boolean isSampling() {
        return state == ACTIVE && !samplesCapped;
    }

    /**
     * Returns whether sampling ever began: a recording started with a delay that stopped before
     * the delay passed never did.
     *
     * @return whether at least one sampling tick was due for this recording
     */
    public boolean hasStarted() {
        return everActive;
    }

    /**
     * Returns the CPU time the thread had used when sampling began, for a recording started with
     * a delay: subtract it from a later reading on the thread to get the CPU used since.
     *
     * @return nanoseconds of thread CPU time, or -1 when sampling never began or the JVM does not
     *     measure it
     */
    public long threadCpuNanosAtStart() {
        return cpuAtStart;
    }

    /**
     * Returns the bytes the thread had allocated when sampling began, for a recording started
     * with a delay.
     *
     * @return bytes, or -1 when sampling never began or the JVM does not measure them
     */
    public long threadAllocatedBytesAtStart() {
        return allocatedAtStart;
    }

    /**
     * Returns the number of samples taken so far.
     *
     * @return samples folded into this recording's tree
     */
    public long samples() {
        return sampleCount;
    }

    /**
     * Stops sampling and returns what was captured. Idempotent: later calls return the same tree.
     *
     * @return the samples folded into a call tree
     */
    @Override
    public StackTree stop() {
        int current = state;
        if (current == PENDING && sampler.cancelPending(this)) {
            synchronized (this) {
                result = StackTree.empty(interval);
                return result;
            }
        }
        synchronized (this) {
            if (result == null) {
                if (state == ACTIVE) {
                    sampler.released(this);
                }
                state = STOPPED;
                result = new StackTree(tree.snapshot(), interval, truncatedStacks, tree.droppedFrames(), samplesCapped);
            }
            return result;
        }
    }


    /** Called by the sampler thread when the delay has passed; false when it was stopped first. */
    synchronized boolean activate() {
        if (state != PENDING) {
            return false;
        }
        // Read here, once per delayed recording that outlives its delay, rather than by every
        // request at its start: reading a thread's CPU clock is a system call.
        cpuAtStart = ThreadClocks.cpuNanos(threadId);
        allocatedAtStart = ThreadClocks.allocatedBytes(threadId);
        state = ACTIVE;
        everActive = true;
        return true;
    }

    synchronized void skip() {
        if (state == PENDING) {
            state = SKIPPED;
            result = StackTree.empty(interval);
        }
    }

    /** Folds one sample in; returns false when this recording wants no more samples. */
    synchronized boolean fold(StackTraceElement[] stack) {
        if (state != ACTIVE) {
            return false;
        }
        if (stack == null) {
            return true;
        }
        if (tree.samples() >= sampler.maxSamples) {
            samplesCapped = true;
            return false;
        }
        int maxDepth = sampler.maxDepth;
        if (classScratch == null) {
            classScratch = new String[maxDepth + 1];
            methodScratch = new String[maxDepth + 1];
        }
        if (stack.length <= maxDepth) {
            tree.add(stack, stack.length, classScratch, methodScratch);
        } else {
            truncatedStacks++;
            classScratch[0] = TRUNCATED;
            methodScratch[0] = "";
            for (int i = 0; i < maxDepth; i++) {
                StackTraceElement frame = stack[maxDepth - 1 - i];
                classScratch[i + 1] = frame.getClassName();
                methodScratch[i + 1] = frame.getMethodName();
            }
            tree.add(classScratch, methodScratch, maxDepth + 1, 1);
        }
        sampleCount = tree.samples();
        return true;
    }
}
