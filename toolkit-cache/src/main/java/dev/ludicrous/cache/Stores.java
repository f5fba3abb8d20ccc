package dev.ludicrous.cache;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The named caches of one manager: made on first use with their settings, then shared by every view. */
final class Stores {
    private final Settings settings;
    // Bounded by the number of cache names the application uses.
    private final Map<String, Store<?>> stores = new ConcurrentHashMap<>();

    Stores(Settings settings) {
        this.settings = settings;
    }

    /**
     * Returns the store called {@code name}, made with {@code codec} if it is new.
     *
     * @throws IllegalArgumentException when it exists with a codec of another id
     */
    <V> Store<V> get(String name, Codec<V> codec) {
        Store<?> store = stores.computeIfAbsent(name, n -> {
            Duration ttl = settings.ttls().getOrDefault(n, settings.defaultTtl());
            Duration window = settings.staleWindows().getOrDefault(n, Duration.ZERO);
            Store.Refresh refresh = new Store.Refresh(settings.ticker(), ttl.toNanos(), window.toNanos(),
                    settings.betas().getOrDefault(n, 0.0), settings.refreshExecutor());
            boolean local = !settings.noLocalTier().contains(n);
            return new Store<>(n, codec, settings.keyPrefix(), ttl, local ? settings.localMaximumSize() : 0,
                    local && settings.boundedByBytes() ? settings.localMaximumBytes() : 0, settings.recordStats(), refresh);
        });
        if (!store.codec.id().equals(codec.id())) {
            throw new IllegalArgumentException("cache '" + name + "' already uses codec '" + store.codec.id()
                    + "', so it cannot be used with codec '" + codec.id() + "'");
        }
        @SuppressWarnings("unchecked")
        Store<V> typed = (Store<V>) store;
        return typed;
    }

    /** @throws IllegalArgumentException when no cache has this name */
    Store<?> existing(String name) {
        Store<?> store = stores.get(name);
        if (store == null) {
            throw new IllegalArgumentException("no cache is named '" + name + "'; known: " + stores.keySet());
        }
        return store;
    }

    Set<String> names() {
        return Set.copyOf(stores.keySet());
    }

    /** Another node changed a key: drop this node's copy. */
    void dropLocal(String cache, String key) {
        Store<?> store = stores.get(cache);
        if (store != null) {
            store.dropLocal(key);
        }
    }

    /** Invalidations may have been lost: start every local tier afresh. */
    void dropAllLocal() {
        stores.values().forEach(Store::dropAllLocal);
    }
}
