package dev.ludicrous.cache;

import java.util.List;
import java.util.function.Supplier;

/**
 * A miss after the local tier: Redis, then (with a load lease) another node's load, then the
 * loader, whose value is stored with the versions captured before it ran.
 */
final class Loading {
    private Loading() {
    }

    static <V> V readThrough(View<V> view, String key, Supplier<? extends V> loader) {
        if (view.engine.remote == null) {
            return Loading.loadAndStore(view, key, loader, view.engine.localVersions.capture(view.namespaces), false);
        }
        RemoteReads.Result read = RemoteReads.read(view, new String[] {key}, 1);
        if (read != null && read.found() > 0) {
            return View.cast(read.values()[0]);
        }
        if (read == null) {
            // Redis is down: an unversioned value may live in the local tier; a versioned one only
            // while this node's copy of the versions may be trusted (see serveLocalDuringOutage).
            return Loading.loadAndStore(view, key, loader, view.versionsForOutage(), false);
        }
        if (view.engine.loadLeaseMillis > 0) {
            read = Loading.awaitOtherNode(view, key, read);
            if (read.found() > 0) {
                return View.cast(read.values()[0]);
            }
        }
        return Loading.loadAndStore(view, key, loader, read.captured(), read.captured() != null);
    }

    /**
     * Takes the load lease of a key, or, when another node holds it, polls Redis for that node's
     * value until the lease would have run out. Returns the last read: with the value, or with the
     * versions to load under.
     */
    private static <V> RemoteReads.Result awaitOtherNode(View<V> view, String key, RemoteReads.Result read) {
        try {
            if (view.engine.remote.tryLease(Keys.join(view.store.leasePrefix, key), view.engine.nodeIdBytes, view.engine.loadLeaseMillis)) {
                return read;
            }
        } catch (RemoteTier.Unavailable e) {
            return read;
        }
        long deadline = System.nanoTime() + view.engine.loadLeaseMillis * 1_000_000;
        long pauseMillis = 1;
        while (System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return read;
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
            RemoteReads.Result again = RemoteReads.read(view, new String[] {key}, 1);
            if (again == null) {
                return read;
            }
            read = again;
            if (read.found() > 0) {
                return read;
            }
        }
        return read;
    }

    /**
     * Runs the loader and stores its value with the versions captured before it ran; with
     * {@code captured} null (versions unknown) a versioned value is returned but not stored.
     */
    static <V> V loadAndStore(View<V> view, String key, Supplier<? extends V> loader, long[] captured, boolean writeRemote) {
        Store.Refresh refresh = view.store.refresh;
        long start = refresh.timed() ? refresh.ticker().read() : 0;
        V value = view.loads.one(key, loader);
        long cost = refresh.timed() ? refresh.ticker().read() - start : 0;
        if (captured == null && view.namespaces.length > 0) {
            return value;
        }
        long[] versions = captured == null ? LocalEntry.NO_VERSIONS : captured;
        byte[] bytes = view.encodeOrLog(key, value);
        if (bytes == null) {
            return value;
        }
        view.fill(key, value, versions, bytes.length, cost);
        if (writeRemote) {
            try {
                view.engine.remote.set(List.of(Keys.join(view.store.valuePrefix, key)),
                        List.of(Envelope.write(view.store.codec.id(), view.namespaces, versions, bytes)), view.store.ttlMillis, List.of());
            } catch (RemoteTier.Unavailable e) {
                // Served from the local tier until Redis is back.
            }
        }
        return value;
    }
}
