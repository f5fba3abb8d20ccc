package dev.ludicrous.profiling;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Samples the stacks of chosen threads (the ones serving profiled requests) and folds them into
 * one call tree per {@link Recording}.
 *
 * <p>All samplers of a JVM share one daemon thread, {@code ludicrous-profiler-sampler}. On each
 * tick it takes the stacks of only the threads due for a sample: on JDK 17 and 18 in one batched
 * {@code ThreadMXBean.getThreadInfo} call, so one global safepoint serves them all; on JDK 19 and
 * later with one {@code Thread.getStackTrace()} per thread, a handshake that pauses that thread
 * alone (measured several times cheaper there, see docs/profiling.md). The next tick of a
 * recording comes after its interval plus or minus the jitter, so that sampling does not fall
 * into step with periodic work. When no recording is open the thread parks and costs nothing.
 * If the thread dies it is logged and replaced; requests never see the failure.
 *
 * <p>Bounded: at most {@code maxConcurrentRecordings} recordings sample at once (further
 * {@link #start} calls return empty), each keeps at most {@code maxSamplesPerRecording} samples,
 * stacks deeper than {@code maxDepth} keep their innermost frames, and each tree holds at most
 * {@code maxNodes} frames.
 *
 * <pre>{@code
 * Sampler sampler = Sampler.builder().interval(Duration.ofMillis(10)).build();
 * try (Recording recording = sampler.start(Thread.currentThread()).orElseThrow()) {
 *     work();
 *     StackTree tree = recording.stop();
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Sampler implements StackRecorder {
    final Duration interval;
    final double jitter;
    final int maxConcurrent;
    final int maxPending;
    final int maxSamples;
    final int maxDepth;
    final int maxNodes;
    private final SamplingLoop loop;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger pending = new AtomicInteger();

    private Sampler(Builder builder) {
        this.interval = builder.interval;
        this.jitter = builder.jitter;
        this.maxConcurrent = builder.maxConcurrent;
        this.maxPending = builder.maxPending;
        this.maxSamples = builder.maxSamples;
        this.maxDepth = builder.maxDepth;
        this.maxNodes = builder.maxNodes;
        this.loop = builder.loop;
    }

    /**
     * Returns a builder with the defaults: interval 10 ms, jitter 0.2, 16 concurrent recordings,
     * 10,000 waiting delayed recordings, 10,000 samples per recording, depth 256, 4,096 frames.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts sampling {@code thread} at the sampler's interval.
     *
     * @param thread the thread to sample, usually {@code Thread.currentThread()}
     * @return the recording, or empty when {@code maxConcurrentRecordings} are already sampling
     */
    public Optional<Recording> start(Thread thread) {
        return start(thread, interval);
    }

    /**
     * Starts sampling {@code thread} at its own interval, for example a coarser one for requests
     * profiled by chance.
     *
     * @param thread the thread to sample
     * @param interval the time between two samples, at least 1 ms
     * @return the recording, or empty when {@code maxConcurrentRecordings} are already sampling
     */
    @Override
    public Optional<Recording> start(Thread thread, Duration interval) {
        Objects.requireNonNull(thread, "thread");
        checkInterval(interval);
        if (!acquire()) {
            return Optional.empty();
        }
        Recording recording = new Recording(this, thread, interval, System.nanoTime() + firstDelay(interval),
                Recording.ACTIVE);
        loop.register(recording);
        return Optional.of(recording);
    }

    /**
     * Arranges to sample {@code thread} once {@code delay} has passed, unless the recording is
     * stopped first: a request that ends sooner costs a map insert and removal and is never
     * sampled. A recording waiting for its delay does not count against
     * {@code maxConcurrentRecordings}; if the cap is reached when the delay passes it is skipped.
     *
     * @param thread the thread to sample
     * @param delay how long to wait before the first sample, zero or more
     * @param interval the time between two samples, at least 1 ms
     * @return the recording, or empty when {@code maxPendingRecordings} are already waiting
     */
    public Optional<Recording> startAfter(Thread thread, Duration delay, Duration interval) {
        Objects.requireNonNull(thread, "thread");
        checkInterval(interval);
        if (delay == null || delay.isNegative()) {
            throw new IllegalArgumentException("delay must be zero or positive, but was " + delay);
        }
        if (pending.incrementAndGet() > maxPending) {
            pending.decrementAndGet();
            return Optional.empty();
        }
        Recording recording = new Recording(this, thread, interval, System.nanoTime() + delay.toNanos(),
                Recording.PENDING);
        loop.register(recording);
        return Optional.of(recording);
    }

    /**
     * Returns the number of recordings sampling now.
     *
     * @return recordings started and not stopped, delayed ones whose delay has not passed excluded
     */
    public int activeRecordings() {
        return active.get();
    }

    /**
     * Returns the configured time between two samples.
     *
     * @return the default interval
     */
    public Duration interval() {
        return interval;
    }

    private boolean acquire() {
        if (active.incrementAndGet() > maxConcurrent) {
            active.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Turns a delayed recording into a sampling one, on the sampler thread; false when it was
     * stopped first or the cap is reached (then it is skipped). The recording's lock decides
     * between this and {@link #cancelPending}, so the pending count drops exactly once.
     */
    boolean activate(Recording recording) {
        synchronized (recording) {
            if (recording.state != Recording.PENDING) {
                return false;
            }
            pending.decrementAndGet();
            if (!acquire()) {
                recording.skip();
                loop.unregister(recording);
                return false;
            }
            recording.activate();
            return true;
        }
    }

    /** Called by {@link Recording#stop()} while still pending; false if the sampler thread won. */
    boolean cancelPending(Recording recording) {
        synchronized (recording) {
            if (recording.state != Recording.PENDING) {
                return false;
            }
            recording.state = Recording.STOPPED;
            pending.decrementAndGet();
        }
        loop.unregister(recording);
        return true;
    }

    /** Called once by {@link Recording#stop()} for a recording that was sampling. */
    void released(Recording recording) {
        loop.unregister(recording);
        active.decrementAndGet();
    }

    long nextDelay(long intervalNanos, double random) {
        return Math.max(1, (long) (intervalNanos * (1 + jitter * (2 * random - 1))));
    }

    private long firstDelay(Duration interval) {
        // The first sample comes at a random point of the first interval, so that requests started
        // together are not sampled together.
        return (long) (interval.toNanos() * java.util.concurrent.ThreadLocalRandom.current().nextDouble());
    }

    private static void checkInterval(Duration interval) {
        if (interval == null || interval.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("interval must be at least 1 ms, but was " + interval);
        }
    }

    /** Configures a {@link Sampler}; every setting is checked by {@link #build()}. */
    public static final class Builder {
        private Duration interval = Duration.ofMillis(10);
        private double jitter = 0.2;
        private int maxConcurrent = 16;
        private int maxPending = 10_000;
        private int maxSamples = 10_000;
        private int maxDepth = 256;
        private int maxNodes = 4_096;
        private SamplingLoop loop = SamplingLoop.shared();

        private Builder() {
        }

        /**
         * Sets the time between two samples of a recording.
         *
         * @param interval at least 1 ms; default 10 ms
         * @return this builder
         */
        public Builder interval(Duration interval) {
            this.interval = interval;
            return this;
        }

        /**
         * Sets how far each interval varies at random, as a fraction of it, so that sampling does
         * not fall into step with periodic work.
         *
         * @param jitter from 0 (none) to 0.9; default 0.2 (each interval is 80 % to 120 %)
         * @return this builder
         */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /**
         * Sets how many recordings may sample at once; further starts return empty.
         *
         * @param max at least 1; default 16
         * @return this builder
         */
        public Builder maxConcurrentRecordings(int max) {
            this.maxConcurrent = max;
            return this;
        }

        /**
         * Sets how many delayed recordings may wait at once; further delayed starts return empty.
         *
         * @param max at least 1; default 10,000
         * @return this builder
         */
        public Builder maxPendingRecordings(int max) {
            this.maxPending = max;
            return this;
        }

        /**
         * Sets how many samples one recording keeps; then it stops sampling.
         *
         * @param max at least 1; default 10,000 (100 s at 10 ms)
         * @return this builder
         */
        public Builder maxSamplesPerRecording(int max) {
            this.maxSamples = max;
            return this;
        }

        /**
         * Sets how many frames of each stack are kept, innermost first.
         *
         * @param max from 1 to 2,048; default 256
         * @return this builder
         */
        public Builder maxDepth(int max) {
            this.maxDepth = max;
            return this;
        }

        /**
         * Sets how many frames one recording's tree holds.
         *
         * @param max at least 16; default 4,096
         * @return this builder
         */
        public Builder maxNodes(int max) {
            this.maxNodes = max;
            return this;
        }

        Builder loop(SamplingLoop loop) {
            this.loop = loop;
            return this;
        }

        /**
         * Checks the settings and builds the sampler.
         *
         * @return a new sampler sharing the JVM's sampler thread
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public Sampler build() {
            checkInterval(interval);
            if (!(jitter >= 0 && jitter <= 0.9)) {
                throw new IllegalArgumentException("jitter must be between 0 and 0.9, but was " + jitter);
            }
            atLeast("maxConcurrentRecordings", maxConcurrent, 1);
            atLeast("maxPendingRecordings", maxPending, 1);
            atLeast("maxSamplesPerRecording", maxSamples, 1);
            atLeast("maxNodes", maxNodes, 16);
            if (maxDepth < 1 || maxDepth > 2_048) {
                throw new IllegalArgumentException("maxDepth must be between 1 and 2048, but was " + maxDepth);
            }
            return new Sampler(this);
        }

        private static void atLeast(String setting, int value, int min) {
            if (value < min) {
                throw new IllegalArgumentException(setting + " must be at least " + min + ", but was " + value);
            }
        }
    }
}
