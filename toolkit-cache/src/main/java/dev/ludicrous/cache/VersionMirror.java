package dev.ludicrous.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's copy of the namespace counters kept in Redis, so that a local hit needs no round
 * trip. It is trusted only while the invalidation subscription is up: bumps published while it is
 * down are lost, so on loss and on every resubscription the copy is emptied, and entries whose
 * namespaces are not in it are read from Redis again.
 *
 * <p>Counters only grow (a bump increments; a lost counter is re-created from the server clock),
 * so updates merge with {@code max}: a slow reply carrying an old version cannot undo a bump that
 * arrived first. A reply that started before the copy was emptied is dropped ({@code epoch}).
 */
final class VersionMirror implements Versions {
    private final Cache<String, Long> versions;
    private final AtomicLong epoch = new AtomicLong();
    private volatile boolean subscribed;

    VersionMirror(long maximumNamespaces) {
        this.versions = Caffeine.newBuilder().executor(Runnable::run).maximumSize(maximumNamespaces).build();
    }

    @Override
    public long current(String namespace) {
        if (!subscribed) {
            return UNKNOWN;
        }
        Long version = versions.getIfPresent(namespace);
        return version == null ? UNKNOWN : version;
    }

    /** Returns the epoch to hand back to {@link #learn} with what a read returns. */
    long epoch() {
        return epoch.get();
    }

    void learn(String namespace, long version, long readEpoch) {
        if (subscribed && epoch.get() == readEpoch) {
            versions.asMap().merge(namespace, version, Math::max);
        }
    }

    /** A bump published by any node, this one included. */
    void bumped(String namespace, long version) {
        if (subscribed) {
            versions.asMap().merge(namespace, version, Math::max);
        }
    }

    /** A bump this node could not send: its own copy must not serve the old version either. */
    void forget(String namespace) {
        versions.invalidate(namespace);
    }

    void subscribed() {
        epoch.incrementAndGet();
        versions.invalidateAll();
        subscribed = true;
    }

    void unsubscribed() {
        subscribed = false;
        epoch.incrementAndGet();
        versions.invalidateAll();
    }

    boolean isSubscribed() {
        return subscribed;
    }
}
