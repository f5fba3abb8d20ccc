package dev.ludicrous.cache;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A view of one named cache, with the namespaces its entries depend on (none for the base view):
 * the public API, answering local hits itself and handing the rest to {@link Loading},
 * {@link BulkReads}, {@link RemoteReads} and {@link RefreshAhead}.
 */
final class DefaultCache<V> implements Cache<V> {
    private final View<V> view;

    DefaultCache(Store<V> store, Engine engine, String[] namespaces) {
        this.view = new View<>(store, engine, namespaces);
    }

    @Override
    public String name() {
        return view.store.name;
    }

    @Override
    public Cache<V> dependingOn(String... dependencies) {
        return new DefaultCache<>(view.store, view.engine, Namespaces.check(dependencies));
    }

    @Override
    public V get(String key, Supplier<? extends V> loader) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(loader, "loader must not be null");
        Store<V> store = view.store;
        LocalEntry entry = store.local.getIfPresent(key);
        if (entry != null && view.fresh(entry)) {
            if (store.countHits) {
                store.counters.localHits.increment();
            }
            if (store.refresh.timed()) {
                RefreshAhead.refreshIfDue(view, key, entry, loader);
            }
            return View.cast(entry.value());
        }
        store.counters.localMisses.increment();
        return view.loads.once(key, () -> {
            // A load of this key may have finished between our look and our turn.
            LocalEntry stored = store.local.getIfPresent(key);
            return stored != null && view.fresh(stored) ? View.cast(stored.value()) : Loading.readThrough(view, key, loader);
        });
    }

    @Override
    public Optional<V> getIfPresent(String key) {
        Objects.requireNonNull(key, "key must not be null");
        Store<V> store = view.store;
        LocalEntry entry = store.local.getIfPresent(key);
        if (entry != null && view.fresh(entry)) {
            if (store.countHits) {
                store.counters.localHits.increment();
            }
            return Optional.of(View.cast(entry.value()));
        }
        store.counters.localMisses.increment();
        if (view.engine.remote == null) {
            return Optional.empty();
        }
        RemoteReads.Result read = RemoteReads.read(view, new String[] {key}, 1);
        return Optional.ofNullable(read == null ? null : View.cast(read.values()[0]));
    }

    @Override
    public Map<String, V> getAll(Collection<String> keys,
            Function<? super Set<String>, ? extends Map<String, ? extends V>> bulkLoader) {
        return BulkReads.getAll(view, keys, bulkLoader);
    }

    @Override
    public void put(String key, V value) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        byte[] bytes = Values.encode(view.store, key, value, view.engine.maxValueBytes);
        if (view.engine.remote == null) {
            view.store.writeLocal(key, view.entry(value, view.engine.localVersions.capture(view.namespaces), bytes.length, 0));
            return;
        }
        try {
            long[] versions = view.namespaces.length == 0 ? LocalEntry.NO_VERSIONS : view.knownVersionsOrCapture();
            view.engine.remote.set(List.of(Keys.join(view.store.valuePrefix, key)),
                    List.of(Envelope.write(view.store.codec.id(), view.namespaces, versions, bytes)), view.store.ttlMillis,
                    List.of(Invalidations.keyMessage(view.engine.nodeId, view.store.name, key)));
            view.store.writeLocal(key, view.entry(value, versions, bytes.length, 0));
        } catch (RemoteTier.Unavailable e) {
            view.engine.deleteLater(view.store.name, key);
            if (view.namespaces.length == 0) {
                view.store.writeLocal(key, view.entry(value, LocalEntry.NO_VERSIONS, bytes.length, 0));
            } else {
                view.store.dropLocal(key);
            }
        }
    }

    @Override
    public void invalidate(String key) {
        Objects.requireNonNull(key, "key must not be null");
        // Redis first, then this node's copy: a read of Redis racing with it cannot refill the old value.
        if (view.engine.remote != null) {
            try {
                view.engine.remote.delete(Keys.join(view.store.valuePrefix, key),
                        Invalidations.keyMessage(view.engine.nodeId, view.store.name, key));
            } catch (RemoteTier.Unavailable e) {
                view.engine.deleteLater(view.store.name, key);
            }
        }
        view.store.dropLocal(key);
    }

}
