package dev.ludicrous.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the log of Redis outages: one line when commands or the invalidation subscription start
 * failing, one when both work again, whichever of the two notices first. Called on changes of
 * state only, never on the hot path.
 */
final class RedisHealth {
    private static final Logger LOG = LoggerFactory.getLogger(RedisHealth.class);

    private final String target;
    private final String fallback;
    private boolean commandsDown;
    private boolean subscriptionDown;

    /** @param fallback what serves reads while Redis is down, for the log line */
    RedisHealth(String target, String fallback) {
        this.target = target;
        this.fallback = fallback;
    }

    synchronized void commandsFailed(RuntimeException cause) {
        boolean wasHealthy = healthy();
        commandsDown = true;
        reportDown(wasHealthy, "", cause);
    }

    synchronized void commandsWork() {
        boolean wasHealthy = healthy();
        commandsDown = false;
        reportUp(wasHealthy);
    }

    synchronized void subscriptionFailed(RuntimeException cause) {
        boolean wasHealthy = healthy();
        subscriptionDown = true;
        reportDown(wasHealthy, "the invalidation subscription: ", cause);
    }

    synchronized void subscriptionWorks() {
        boolean wasHealthy = healthy();
        subscriptionDown = false;
        reportUp(wasHealthy);
    }

    private boolean healthy() {
        return !commandsDown && !subscriptionDown;
    }

    private void reportDown(boolean wasHealthy, String what, RuntimeException cause) {
        if (wasHealthy) {
            LOG.warn("Redis {} is unavailable ({}{}: {}); serving from {} until it is back",
                    target, what, cause.getClass().getSimpleName(), cause.getMessage(), fallback);
        }
    }

    private void reportUp(boolean wasHealthy) {
        if (!wasHealthy && healthy()) {
            LOG.info("Redis {} answers again; the shared tier is back in use", target);
        }
    }
}
