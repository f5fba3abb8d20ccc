package dev.ludicrous.cache;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stale-while-revalidate and early refresh (XFetch) of local entries, in the background. */
final class RefreshAhead {
    private static final Logger LOG = LoggerFactory.getLogger(RefreshAhead.class);

    private RefreshAhead() {
    }

    /**
     * Starts a background refresh when the entry's TTL has passed (stale-while-revalidate) or, by
     * chance growing as the TTL nears and with the loader's cost, a little before (XFetch:
     * Vattani, Chierichetti and Lowenstein, "Optimal probabilistic cache stampede prevention").
     */
    static <V> void refreshIfDue(View<V> view, String key, LocalEntry entry, Supplier<? extends V> loader) {
        Store.Refresh refresh = view.store.refresh;
        long now = refresh.ticker().read();
        boolean due = now - entry.freshUntil() >= 0;
        if (!due && refresh.beta() > 0 && entry.loadCost() > 0) {
            double random = ThreadLocalRandom.current().nextDouble();
            due = now - entry.loadCost() * refresh.beta() * Math.log(random) >= entry.freshUntil();
        }
        if (!due || view.store.refreshing.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        try {
            refresh.executor().execute(() -> {
                try {
                    refreshNow(view, key, loader);
                } catch (RuntimeException | Error e) {
                    LOG.warn("Refreshing key '{}' in cache '{}' failed ({}); the current value is served until it expires",
                            key, view.store.name, e.toString());
                } finally {
                    view.store.refreshing.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            view.store.refreshing.remove(key);
        }
    }

    private static <V> void refreshNow(View<V> view, String key, Supplier<? extends V> loader) {
        if (view.engine.remote == null) {
            Loading.loadAndStore(view, key, loader, view.engine.localVersions.capture(view.namespaces), false);
        } else if (view.namespaces.length == 0) {
            Loading.loadAndStore(view, key, loader, LocalEntry.NO_VERSIONS, true);
        } else {
            long[] captured;
            try {
                captured = view.engine.remote.capture(view.counterKeys);
            } catch (RemoteTier.Unavailable e) {
                return;
            }
            Loading.loadAndStore(view, key, loader, captured, true);
        }
    }
}
