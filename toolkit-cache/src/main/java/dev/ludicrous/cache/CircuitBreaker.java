package dev.ludicrous.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stops calling Redis after a failure, for a back-off that doubles while trials keep failing.
 * Reports to {@link RedisHealth} when it opens and closes, which logs once per outage.
 */
final class CircuitBreaker {
    private final RedisHealth health;
    private final long initialBackoffNanos;
    private final long maximumBackoffNanos;
    private final Runnable onRecovery;
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicBoolean trialRunning = new AtomicBoolean();
    private final LongAdder errors = new LongAdder();
    private volatile long retryAtNanos;
    private volatile long backoffNanos;

    CircuitBreaker(RedisHealth health, Duration initialBackoff, Duration maximumBackoff, Runnable onRecovery) {
        this.health = health;
        this.initialBackoffNanos = initialBackoff.toNanos();
        this.maximumBackoffNanos = maximumBackoff.toNanos();
        this.onRecovery = onRecovery;
    }

    /** Returns whether a call to Redis may be made now; when open, one trial call after the back-off. */
    boolean allow() {
        if (!open.get()) {
            return true;
        }
        return System.nanoTime() - retryAtNanos >= 0 && trialRunning.compareAndSet(false, true);
    }

    void success() {
        if (open.get() && open.compareAndSet(true, false)) {
            trialRunning.set(false);
            health.commandsWork();
            onRecovery.run();
        }
    }

    void failure(RuntimeException cause) {
        errors.increment();
        if (open.compareAndSet(false, true)) {
            backoffNanos = initialBackoffNanos;
            retryAtNanos = System.nanoTime() + backoffNanos;
            health.commandsFailed(cause);
        } else if (trialRunning.get()) {
            backoffNanos = Math.min(backoffNanos * 2, maximumBackoffNanos);
            retryAtNanos = System.nanoTime() + backoffNanos;
            trialRunning.set(false);
        }
    }

    boolean isOpen() {
        return open.get();
    }

    long errors() {
        return errors.sum();
    }
}
