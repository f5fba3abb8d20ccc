package dev.ludicrous.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops calling Redis after a failure, for a back-off that doubles while trials keep failing.
 * Logs one line when an outage starts and one when Redis answers again, whatever the traffic.
 */
final class CircuitBreaker {
    private static final Logger LOG = LoggerFactory.getLogger(CircuitBreaker.class);

    private final String target;
    private final long initialBackoffNanos;
    private final long maximumBackoffNanos;
    private final Runnable onRecovery;
    private final AtomicBoolean open = new AtomicBoolean();
    private final AtomicBoolean trialRunning = new AtomicBoolean();
    private final LongAdder errors = new LongAdder();
    private volatile long retryAtNanos;
    private volatile long backoffNanos;

    CircuitBreaker(String target, Duration initialBackoff, Duration maximumBackoff, Runnable onRecovery) {
        this.target = target;
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
            LOG.info("Redis at {} answers again; the shared tier is back in use", target);
            onRecovery.run();
        }
    }

    void failure(RuntimeException cause) {
        errors.increment();
        if (open.compareAndSet(false, true)) {
            backoffNanos = initialBackoffNanos;
            retryAtNanos = System.nanoTime() + backoffNanos;
            LOG.warn("Redis at {} failed ({}: {}); serving from the local tier and loaders, retrying in {} ms",
                    target, cause.getClass().getSimpleName(), cause.getMessage(), backoffNanos / 1_000_000);
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
