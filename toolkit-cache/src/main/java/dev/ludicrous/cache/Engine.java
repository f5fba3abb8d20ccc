package dev.ludicrous.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every cache of one manager shares: the tiers, the namespace versions, key layout, limits,
 * and the writes to replay when Redis comes back.
 *
 * <p>Redis keys: {@code <prefix>v:<cache>:<key>} for values, {@code <prefix>n:<namespace>} for
 * version counters, {@code <prefix>l:<cache>:<key>} for load leases, and the channel
 * {@code <prefix>invalidations}.
 */
final class Engine {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    static final int MAX_PENDING = 10_000;

    final String prefix;
    final String nodeId;
    final byte[] nodeIdBytes;
    private final byte[] bumpTailPrefix;
    private final byte[] counterPrefix;
    final int maxValueBytes;
    final long loadLeaseMillis;
    final RemoteTier remote;
    final VersionMirror mirror;
    final LocalVersions localVersions;
    final LongAdder bumps = new LongAdder();
    // Writes that could not reach Redis; replayed when it answers again, so that no node keeps
    // serving what a bump or invalidation during the outage meant to remove.
    private final Set<String> pendingBumps = ConcurrentHashMap.newKeySet();
    private final Set<PendingKey> pendingDeletes = ConcurrentHashMap.newKeySet();
    // Not a lock: the replay itself closes the circuit, which asks for a replay on the same thread.
    private final java.util.concurrent.atomic.AtomicBoolean replaying = new java.util.concurrent.atomic.AtomicBoolean();

    Engine(String prefix, String nodeId, int maxValueBytes, long loadLeaseMillis, RemoteTier remote,
            VersionMirror mirror, LocalVersions localVersions) {
        this.prefix = prefix;
        this.nodeId = nodeId;
        this.nodeIdBytes = nodeId.getBytes(StandardCharsets.US_ASCII);
        this.bumpTailPrefix = Keys.prefix(" " + nodeId + " ");
        this.counterPrefix = Keys.prefix(prefix + "n:");
        this.maxValueBytes = maxValueBytes;
        this.loadLeaseMillis = loadLeaseMillis;
        this.remote = remote;
        this.mirror = mirror;
        this.localVersions = localVersions;
    }

    Versions versions() {
        return remote != null ? mirror : localVersions;
    }

    byte[] valueKey(String cache, String key) {
        return (prefix + "v:" + cache + ":" + key).getBytes(StandardCharsets.UTF_8);
    }

    byte[] leaseKey(String cache, String key) {
        return (prefix + "l:" + cache + ":" + key).getBytes(StandardCharsets.UTF_8);
    }

    byte[] counterKey(String namespace) {
        return Keys.join(counterPrefix, namespace);
    }

    byte[][] counterKeys(String[] namespaces) {
        byte[][] keys = new byte[namespaces.length][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = counterKey(namespaces[i]);
        }
        return keys;
    }

    String channel() {
        return prefix + "invalidations";
    }

    void bump(String[] namespaces) {
        bumps.add(namespaces.length);
        if (remote == null) {
            for (String namespace : namespaces) {
                localVersions.bump(namespace);
            }
            return;
        }
        try {
            long[] versions = remote.bump(counterKeys(namespaces), namespaces, bumpTailPrefix);
            for (int i = 0; i < namespaces.length; i++) {
                mirror.bumped(namespaces[i], versions[i]);
            }
        } catch (RemoteTier.Unavailable e) {
            for (String namespace : namespaces) {
                mirror.forget(namespace);
                remember(pendingBumps, namespace);
            }
        }
    }

    void deleteLater(String cache, String key) {
        remember(pendingDeletes, new PendingKey(cache, key));
    }

    private <T> void remember(Set<T> pending, T item) {
        if (pending.size() < MAX_PENDING) {
            pending.add(item);
        } else {
            LOG.warn("More than {} bumps or invalidations are waiting for Redis to come back; dropping {}: entries "
                    + "it should remove stay readable in Redis until their TTL", MAX_PENDING, item);
        }
    }

    /** Sends what an outage held back; called when Redis answers again and on resubscription. */
    void replayPending() {
        if (remote == null || (pendingBumps.isEmpty() && pendingDeletes.isEmpty()) || !replaying.compareAndSet(false, true)) {
            return;
        }
        try {
            List<String> namespaces = new ArrayList<>(pendingBumps);
            if (!namespaces.isEmpty()) {
                String[] array = namespaces.toArray(String[]::new);
                long[] versions = remote.bump(counterKeys(array), array, bumpTailPrefix);
                for (int i = 0; i < array.length; i++) {
                    mirror.bumped(array[i], versions[i]);
                }
                pendingBumps.removeAll(namespaces);
            }
            for (PendingKey key : new ArrayList<>(pendingDeletes)) {
                remote.delete(valueKey(key.cache(), key.key()), Invalidations.keyMessage(nodeId, key.cache(), key.key()));
                pendingDeletes.remove(key);
            }
            LOG.info("Sent the bumps and invalidations held back while Redis was unavailable");
        } catch (RemoteTier.Unavailable e) {
            // Still down: kept for the next recovery.
        } finally {
            replaying.set(false);
        }
    }

    record PendingKey(String cache, String key) {
    }
}
