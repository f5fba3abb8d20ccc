package dev.ludicrous.profiling.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a failure of our own code at most once a minute, so that a fault hit by every request does
 * not flood the log; the line counts how many were not logged.
 */
public final class RateLimitedLog {
    private static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Logger logger;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - PERIOD_NANOS - 1);
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * Creates a log that writes to {@code logger}.
     *
     * @param logger the class's logger
     */
    public RateLimitedLog(Logger logger) {
        this.logger = logger;
    }

    /**
     * Logs {@code message} and the failure's description (no stack trace unless debug is on) at
     * WARN, unless a line was written less than a minute ago.
     *
     * @param message what failed and what happened instead
     * @param failure the cause
     */
    public void warn(String message, Throwable failure) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last < PERIOD_NANOS || !lastLogged.compareAndSet(last, now)) {
            suppressed.incrementAndGet();
            return;
        }
        long skipped = suppressed.getAndSet(0);
        if (logger.isDebugEnabled()) {
            logger.warn("{} ({}; {} similar failures not logged in the last minute)", message, failure, skipped, failure);
        } else {
            logger.warn("{} ({}; {} similar failures not logged in the last minute)", message, failure, skipped);
        }
    }
}
