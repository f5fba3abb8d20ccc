package dev.ludicrous.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every operation of one view of a cache needs: its store, the manager's engine, the
 * namespaces its entries depend on, and those namespaces encoded once for Redis. Immutable.
 */
final class View<V> {
    private static final Logger LOG = LoggerFactory.getLogger(View.class);
    private static final byte[][] NO_KEYS = new byte[0][];

    final Store<V> store;
    final Engine engine;
    final String[] namespaces;
    // Where the versions of this view's namespaces live: the Redis mirror, or the node's own.
    final Versions versions;
    final Loads<V> loads;
    // Encoded once per view, not per read: the counters' Redis keys and the namespaces as the
    // envelope stores them. Empty without Redis.
    final byte[][] counterKeys;
    final byte[][] namespaceBytes;

    View(Store<V> store, Engine engine, String[] namespaces) {
        this.store = store;
        this.engine = engine;
        this.namespaces = namespaces;
        this.versions = engine.versions();
        this.loads = new Loads<>(store);
        boolean remote = engine.remote != null && namespaces.length > 0;
        this.counterKeys = remote ? engine.counterKeys(namespaces) : NO_KEYS;
        this.namespaceBytes = new byte[remote ? namespaces.length : 0][];
        for (int i = 0; i < namespaceBytes.length; i++) {
            namespaceBytes[i] = namespaces[i].getBytes(StandardCharsets.UTF_8);
        }
    }

    /**
     * The versions to store a put value with: this node's copy when it knows every namespace (it
     * is trusted only while subscribed, and at worst older than Redis's, which makes the entry
     * stale, never wrongly fresh), else read from Redis (one more round trip).
     */
    long[] knownVersionsOrCapture() {
        long[] known = new long[namespaces.length];
        for (int i = 0; i < known.length; i++) {
            known[i] = engine.mirror.current(namespaces[i]);
            if (known[i] == Versions.UNKNOWN) {
                return engine.remote.capture(counterKeys);
            }
        }
        return known;
    }

    /**
     * The versions to keep a value loaded during an outage with: none for an unversioned view,
     * this node's copy when it may be trusted (subscribed, or within {@code serveLocalDuringOutage}),
     * else {@code null}: do not keep it.
     */
    long[] versionsForOutage() {
        if (namespaces.length == 0) {
            return LocalEntry.NO_VERSIONS;
        }
        long[] known = new long[namespaces.length];
        for (int i = 0; i < known.length; i++) {
            known[i] = engine.mirror.current(namespaces[i]);
            if (known[i] == Versions.UNKNOWN) {
                return null;
            }
        }
        return known;
    }

    /**
     * An entry of this view's namespaces is fresh while the versions are trusted and each still
     * equals what it captured: one volatile read of the cell it kept per namespace (a dropped cell
     * reads {@link VersionCell#DEAD}, never a captured version), or a lookup where it kept none.
     */
    boolean fresh(LocalEntry entry) {
        String[] stored = entry.namespaces();
        if (stored == namespaces) {
            if (stored.length == 0) {
                return true;
            }
        } else if (!Arrays.equals(stored, namespaces)) {
            return false;
        }
        if (!versions.trusted()) {
            return false;
        }
        long[] captured = entry.versions();
        VersionCell[] cells = entry.cells();
        for (int i = 0; i < stored.length; i++) {
            VersionCell cell = cells[i];
            long current = cell != null ? cell.version() : versions.current(stored[i]);
            if (current != captured[i]) {
                return false;
            }
        }
        return true;
    }

    /** Puts a value read or loaded into the local tier, if the cache has one (no entry is made if not). */
    void fill(String key, Object value, long[] captured, int weight, long loadCost) {
        if (store.localTier) {
            store.local.put(key, entry(value, captured, weight, loadCost));
        }
    }

    /** A local entry of this view's namespaces at {@code captured}, keeping their cells as they are now. */
    LocalEntry entry(Object value, long[] captured, int weight, long loadCost) {
        return store.entry(value, namespaces, captured, cells(), weight, loadCost);
    }

    private VersionCell[] cells() {
        if (namespaces.length == 0) {
            return LocalEntry.NO_CELLS;
        }
        VersionCell[] cells = new VersionCell[namespaces.length];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = versions.cell(namespaces[i]);
        }
        return cells;
    }

    byte[] encodeOrLog(String key, V value) {
        try {
            return Values.encode(store, key, value, engine.maxValueBytes);
        } catch (IllegalArgumentException e) {
            if (store.refusalLogged.compareAndSet(false, true)) {
                LOG.warn("Not caching a loaded value: {} (logged once per cache)", e.getMessage());
            }
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    static <V> V cast(Object value) {
        return (V) value;
    }
}
