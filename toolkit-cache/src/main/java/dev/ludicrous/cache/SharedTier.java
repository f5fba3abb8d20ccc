package dev.ludicrous.cache;

import java.time.Duration;

/**
 * The Redis side of a manager, wired together: the circuit breaker, the remote tier, the version
 * mirror and the invalidation listener that keeps the local tiers of {@link Stores} coherent.
 */
record SharedTier(Engine engine, CircuitBreaker breaker, Invalidations invalidations) {

    /** Builds the Redis side and waits up to {@code firstSubscriptionWait} for the first subscription attempt. */
    static SharedTier start(Settings settings, String nodeId, Stores stores, Duration firstSubscriptionWait) {
        VersionMirror mirror = new VersionMirror(settings.maximumNamespaces(), settings.serveLocalDuringOutage(),
                settings.ticker());
        Engine[] self = new Engine[1];
        RedisHealth health = new RedisHealth("(cache keys under '" + settings.keyPrefix() + "')",
                settings.localTier() ? "the local tier and loaders" : "loaders");
        CircuitBreaker breaker = new CircuitBreaker(health, settings.initialBackoff(), settings.maximumBackoff(),
                () -> self[0].replayPending());
        RemoteTier remote = new RemoteTier(settings.redis(), breaker, settings.keyPrefix() + "invalidations");
        Engine engine = new Engine(settings.keyPrefix(), nodeId, settings.maxValueBytes(), settings.loadLease().toMillis(),
                remote, mirror, null);
        self[0] = engine;
        Invalidations invalidations = new Invalidations(settings.redis(), engine.channel(), nodeId, mirror,
                new Listener(stores, engine), health, settings.initialBackoff(), settings.maximumBackoff());
        invalidations.start();
        invalidations.awaitFirstAttempt(firstSubscriptionWait);
        return new SharedTier(engine, breaker, invalidations);
    }

    /** What other nodes' messages and a new subscription do to this node. */
    private static final class Listener implements Invalidations.Listener {
        private final Stores stores;
        private final Engine engine;
        private volatile boolean subscribedBefore;

        Listener(Stores stores, Engine engine) {
            this.stores = stores;
            this.engine = engine;
        }

        @Override
        public void keyChanged(String cache, String key) {
            stores.dropLocal(cache, key);
        }

        @Override
        public void resubscribed() {
            // Invalidations sent while we were not listening are lost: start the local tier afresh.
            if (subscribedBefore) {
                stores.dropAllLocal();
            }
            subscribedBefore = true;
            engine.replayPending();
        }
    }
}
