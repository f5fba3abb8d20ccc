package dev.ludicrous.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This node's copy of the namespace counters kept in Redis, so that a local hit needs no round
 * trip. It is trusted only while the invalidation subscription is up: bumps published while it is
 * down are lost, so on loss and on every resubscription the copy is emptied, and entries whose
 * namespaces are not in it are read from Redis again.
 *
 * <p>With a grace period ({@code serveLocalDuringOutage}), the copy is kept when the subscription
 * is lost and trusted for that long after the loss, so versioned local entries are still served;
 * bumps made by this node meanwhile remove their namespace from the copy, so this node never
 * serves what it bumped itself. Bumps by other nodes are not seen until the subscription is back,
 * when the copy (and the local tier) is emptied.
 *
 * <p>Counters only grow (a bump increments; a lost counter is re-created from the server clock),
 * so updates merge with {@code max}: a slow reply carrying an old version cannot undo a bump that
 * arrived first. A reply that started before the copy was emptied is dropped ({@code epoch}).
 *
 * <p>Each namespace's version lives in a {@link VersionCell} that local entries keep; emptying the
 * copy or dropping a namespace kills its cell, so entries holding it read as stale.
 */
final class VersionMirror implements Versions {
    private final VersionCells versions;
    private final AtomicLong epoch = new AtomicLong();
    private final long graceNanos;
    private final Ticker ticker;
    private volatile boolean subscribed;
    // Ticker time when the subscription was lost; read only while it is down and graceNanos > 0.
    private volatile long lostAtNanos;

    VersionMirror(long maximumNamespaces) {
        this(maximumNamespaces, Duration.ZERO, Ticker.systemTicker());
    }

    VersionMirror(long maximumNamespaces, Duration grace, Ticker ticker) {
        this.versions = new VersionCells(maximumNamespaces);
        this.graceNanos = grace.toNanos();
        this.ticker = ticker;
        // Never subscribed yet: no grace to give.
        this.lostAtNanos = ticker.read() - graceNanos;
    }

    @Override
    public long current(String namespace) {
        return trusted() ? versions.current(namespace) : UNKNOWN;
    }

    @Override
    public VersionCell cell(String namespace) {
        return versions.get(namespace);
    }

    @Override
    public boolean trusted() {
        return subscribed || graceNanos != 0 && ticker.read() - lostAtNanos < graceNanos;
    }

    /** Returns the epoch to hand back to {@link #learn} with what a read returns. */
    long epoch() {
        return epoch.get();
    }

    void learn(String namespace, long version, long readEpoch) {
        if (subscribed && epoch.get() == readEpoch) {
            versions.raise(namespace, version);
        }
    }

    /** A bump published by any node, this one included. */
    void bumped(String namespace, long version) {
        if (subscribed) {
            versions.raise(namespace, version);
        } else {
            // In the grace period: this node's own bump must make its dependents stale here too.
            versions.drop(namespace);
        }
    }

    /** A bump this node could not send: its own copy must not serve the old version either. */
    void forget(String namespace) {
        versions.drop(namespace);
    }

    void subscribed() {
        epoch.incrementAndGet();
        versions.dropAll();
        subscribed = true;
    }

    /** Called after every failed or ended subscription attempt; the grace runs from the first. */
    void unsubscribed() {
        boolean wasSubscribed = subscribed;
        if (wasSubscribed) {
            lostAtNanos = ticker.read();
        }
        subscribed = false;
        epoch.incrementAndGet();
        if (graceNanos == 0 || !wasSubscribed && ticker.read() - lostAtNanos >= graceNanos) {
            versions.dropAll();
        }
    }

    boolean isSubscribed() {
        return subscribed;
    }
}
