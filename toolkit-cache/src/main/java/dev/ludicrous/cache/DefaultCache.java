package dev.ludicrous.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A view of one named cache, with the namespaces its entries depend on (none for the base view). */
final class DefaultCache<V> implements Cache<V> {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultCache.class);

    private final Store<V> store;
    private final Engine engine;
    private final String[] namespaces;
    private final Loads<V> loads;
    // Encoded once per view, not per read: the counters' Redis keys and the namespaces as the
    // envelope stores them. Empty without Redis.
    private final byte[][] counterKeys;
    private final byte[][] namespaceBytes;

    DefaultCache(Store<V> store, Engine engine, String[] namespaces) {
        this.store = store;
        this.engine = engine;
        this.namespaces = namespaces;
        this.loads = new Loads<>(store);
        boolean remote = engine.remote != null && namespaces.length > 0;
        this.counterKeys = remote ? engine.counterKeys(namespaces) : NO_KEYS;
        this.namespaceBytes = new byte[remote ? namespaces.length : 0][];
        for (int i = 0; i < namespaceBytes.length; i++) {
            namespaceBytes[i] = namespaces[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static final byte[][] NO_KEYS = new byte[0][];

    @Override
    public String name() {
        return store.name;
    }

    @Override
    public Cache<V> dependingOn(String... dependencies) {
        return new DefaultCache<>(store, engine, Namespaces.check(dependencies));
    }

    @Override
    public V get(String key, Supplier<? extends V> loader) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(loader, "loader must not be null");
        LocalEntry entry = store.local.getIfPresent(key);
        if (entry != null && fresh(entry)) {
            if (store.countHits) {
                store.counters.localHits.increment();
            }
            if (store.refresh.timed()) {
                refreshIfDue(key, entry, loader);
            }
            return cast(entry.value());
        }
        store.counters.localMisses.increment();
        return loads.once(key, () -> {
            // A load of this key may have finished between our look and our turn.
            LocalEntry stored = store.local.getIfPresent(key);
            return stored != null && fresh(stored) ? cast(stored.value()) : readThrough(key, loader);
        });
    }

    @Override
    public Optional<V> getIfPresent(String key) {
        Objects.requireNonNull(key, "key must not be null");
        LocalEntry entry = store.local.getIfPresent(key);
        if (entry != null && fresh(entry)) {
            if (store.countHits) {
                store.counters.localHits.increment();
            }
            return Optional.of(cast(entry.value()));
        }
        store.counters.localMisses.increment();
        if (engine.remote == null) {
            return Optional.empty();
        }
        RemoteRead read = readRemote(new String[] {key}, 1);
        return Optional.ofNullable(read == null ? null : cast(read.values[0]));
    }

    @Override
    public Map<String, V> getAll(Collection<String> keys,
            Function<? super Set<String>, ? extends Map<String, ? extends V>> bulkLoader) {
        Objects.requireNonNull(keys, "keys must not be null");
        Objects.requireNonNull(bulkLoader, "bulkLoader must not be null");
        // The result doubles as the set of keys seen: a key not found yet holds null, so the
        // order of the keys is kept without a second collection.
        Map<String, V> result = new LinkedHashMap<>((int) (keys.size() / 0.75f) + 1);
        String[] missing = new String[keys.size()];
        int missingCount = 0;
        for (String key : keys) {
            Objects.requireNonNull(key, "keys must not contain null");
            if (result.containsKey(key)) {
                continue;
            }
            LocalEntry entry = store.local.getIfPresent(key);
            if (entry != null && fresh(entry)) {
                if (store.countHits) {
                    store.counters.localHits.increment();
                }
                result.put(key, cast(entry.value()));
            } else {
                store.counters.localMisses.increment();
                result.put(key, null);
                missing[missingCount++] = key;
            }
        }
        if (missingCount > 0) {
            loadMissing(missing, missingCount, result, bulkLoader);
            result.values().removeIf(Objects::isNull);
        }
        return result;
    }

    private void loadMissing(String[] missing, int count, Map<String, V> result,
            Function<? super Set<String>, ? extends Map<String, ? extends V>> bulkLoader) {
        long[] captured = null;
        boolean remoteUsable = false;
        Set<String> toLoad = new LinkedHashSet<>();
        if (engine.remote != null) {
            RemoteRead read = readRemote(missing, count);
            if (read != null) {
                remoteUsable = true;
                captured = read.captured;
                for (int i = 0; i < count; i++) {
                    if (read.values[i] != null) {
                        result.put(missing[i], cast(read.values[i]));
                    } else {
                        toLoad.add(missing[i]);
                    }
                }
            } else {
                toLoad.addAll(Arrays.asList(missing).subList(0, count));
            }
        } else {
            captured = engine.localVersions.capture(namespaces);
            toLoad.addAll(Arrays.asList(missing).subList(0, count));
        }
        if (toLoad.isEmpty()) {
            return;
        }
        Map<String, ? extends V> loaded = loads.bulk(Collections.unmodifiableSet(toLoad), bulkLoader);
        List<byte[]> remoteKeys = new ArrayList<>();
        List<byte[]> remoteValues = new ArrayList<>();
        for (String key : toLoad) {
            V value = loaded.get(key);
            if (value == null) {
                continue;
            }
            result.put(key, value);
            boolean cacheable = captured != null || namespaces.length == 0;
            byte[] bytes = cacheable ? encodeOrLog(key, value) : null;
            if (bytes == null) {
                continue;
            }
            long[] versions = captured == null ? LocalEntry.NO_VERSIONS : captured;
            store.local.put(key, store.entry(value, namespaces, versions, bytes.length, 0));
            if (remoteUsable && captured != null) {
                remoteKeys.add(Keys.join(store.valuePrefix, key));
                remoteValues.add(Envelope.write(store.codec.id(), namespaces, versions, bytes));
            }
        }
        if (!remoteKeys.isEmpty()) {
            try {
                engine.remote.set(remoteKeys, remoteValues, store.ttlMillis, List.of());
            } catch (RemoteTier.Unavailable e) {
                // The values are served from the local tier; Redis gets them on a later load.
            }
        }
    }

    private V readThrough(String key, Supplier<? extends V> loader) {
        if (engine.remote == null) {
            return loadAndStore(key, loader, engine.localVersions.capture(namespaces), false);
        }
        RemoteRead read = readRemote(new String[] {key}, 1);
        if (read != null && read.found > 0) {
            return cast(read.values[0]);
        }
        if (read == null) {
            // Redis is down: an unversioned value may live in the local tier; a versioned one cannot,
            // since no node can tell this one about bumps.
            return loadAndStore(key, loader, namespaces.length == 0 ? LocalEntry.NO_VERSIONS : null, false);
        }
        if (engine.loadLeaseMillis > 0) {
            read = awaitOtherNode(key, read);
            if (read.found > 0) {
                return cast(read.values[0]);
            }
        }
        return loadAndStore(key, loader, read.captured, read.captured != null);
    }

    /**
     * Takes the load lease of a key, or, when another node holds it, polls Redis for that node's
     * value until the lease would have run out. Returns the last read: with the value, or with the
     * versions to load under.
     */
    private RemoteRead awaitOtherNode(String key, RemoteRead read) {
        try {
            if (engine.remote.tryLease(Keys.join(store.leasePrefix, key), engine.nodeIdBytes, engine.loadLeaseMillis)) {
                return read;
            }
        } catch (RemoteTier.Unavailable e) {
            return read;
        }
        long deadline = System.nanoTime() + engine.loadLeaseMillis * 1_000_000;
        long pauseMillis = 1;
        while (System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return read;
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
            RemoteRead again = readRemote(new String[] {key}, 1);
            if (again == null) {
                return read;
            }
            read = again;
            if (read.found > 0) {
                return read;
            }
        }
        return read;
    }

    /**
     * Runs the loader and stores its value with the versions captured before it ran; with
     * {@code captured} null (versions unknown) a versioned value is returned but not stored.
     */
    private V loadAndStore(String key, Supplier<? extends V> loader, long[] captured, boolean writeRemote) {
        Store.Refresh refresh = store.refresh;
        long start = refresh.timed() ? refresh.ticker().read() : 0;
        V value = loads.one(key, loader);
        long cost = refresh.timed() ? refresh.ticker().read() - start : 0;
        if (captured == null && namespaces.length > 0) {
            return value;
        }
        long[] versions = captured == null ? LocalEntry.NO_VERSIONS : captured;
        byte[] bytes = encodeOrLog(key, value);
        if (bytes == null) {
            return value;
        }
        store.local.put(key, store.entry(value, namespaces, versions, bytes.length, cost));
        if (writeRemote) {
            try {
                engine.remote.set(List.of(Keys.join(store.valuePrefix, key)),
                        List.of(Envelope.write(store.codec.id(), namespaces, versions, bytes)), store.ttlMillis, List.of());
            } catch (RemoteTier.Unavailable e) {
                // Served from the local tier until Redis is back.
            }
        }
        return value;
    }

    /**
     * Starts a background refresh when the entry's TTL has passed (stale-while-revalidate) or, by
     * chance growing as the TTL nears and with the loader's cost, a little before (XFetch:
     * Vattani, Chierichetti and Lowenstein, "Optimal probabilistic cache stampede prevention").
     */
    private void refreshIfDue(String key, LocalEntry entry, Supplier<? extends V> loader) {
        Store.Refresh refresh = store.refresh;
        long now = refresh.ticker().read();
        boolean due = now - entry.freshUntil() >= 0;
        if (!due && refresh.beta() > 0 && entry.loadCost() > 0) {
            double random = ThreadLocalRandom.current().nextDouble();
            due = now - entry.loadCost() * refresh.beta() * Math.log(random) >= entry.freshUntil();
        }
        if (!due || store.refreshing.putIfAbsent(key, Boolean.TRUE) != null) {
            return;
        }
        try {
            refresh.executor().execute(() -> {
                try {
                    refreshNow(key, loader);
                } catch (RuntimeException | Error e) {
                    LOG.warn("Refreshing key '{}' in cache '{}' failed ({}); the current value is served until it expires",
                            key, store.name, e.toString());
                } finally {
                    store.refreshing.remove(key);
                }
            });
        } catch (RejectedExecutionException e) {
            store.refreshing.remove(key);
        }
    }

    private void refreshNow(String key, Supplier<? extends V> loader) {
        if (engine.remote == null) {
            loadAndStore(key, loader, engine.localVersions.capture(namespaces), false);
        } else if (namespaces.length == 0) {
            loadAndStore(key, loader, LocalEntry.NO_VERSIONS, true);
        } else {
            long[] captured;
            try {
                captured = engine.remote.capture(counterKeys);
            } catch (RemoteTier.Unavailable e) {
                return;
            }
            loadAndStore(key, loader, captured, true);
        }
    }

    /**
     * Reads values and the current versions of this view's namespaces in one round trip: a GET for
     * one key without namespaces (the command a raw read sends), else one MGET of the values and
     * the counters. When a counter is missing, creates it (one more round trip) so the versions
     * captured for a load are real. Returns {@code null} when Redis is unavailable.
     */
    private RemoteRead readRemote(String[] keys, int count) {
        int n = namespaces.length;
        long epoch = engine.mirror.epoch();
        List<byte[]> reply;
        try {
            if (n == 0 && count == 1) {
                reply = Collections.singletonList(engine.remote.get(Keys.join(store.valuePrefix, keys[0])));
            } else {
                byte[][] redisKeys = new byte[count + n][];
                for (int i = 0; i < count; i++) {
                    redisKeys[i] = Keys.join(store.valuePrefix, keys[i]);
                }
                System.arraycopy(counterKeys, 0, redisKeys, count, n);
                reply = engine.remote.mget(redisKeys);
            }
        } catch (RemoteTier.Unavailable e) {
            store.counters.remoteMisses.add(count);
            return null;
        }
        long[] current = n == 0 ? LocalEntry.NO_VERSIONS : new long[n];
        boolean allKnown = true;
        for (int i = 0; i < n; i++) {
            current[i] = RemoteTier.counter(reply.get(count + i));
            if (current[i] == Versions.UNKNOWN) {
                allKnown = false;
            } else if (engine.mirror.current(namespaces[i]) != current[i]) {
                engine.mirror.learn(namespaces[i], current[i], epoch);
            }
        }
        Object[] values = new Object[count];
        int found = 0;
        for (int i = 0; i < count; i++) {
            byte[] bytes = reply.get(i);
            V value = bytes == null || !allKnown ? null : decodeFresh(keys[i], bytes, current);
            if (value != null) {
                store.counters.remoteHits.increment();
                values[i] = value;
                found++;
                store.local.put(keys[i], store.entry(value, namespaces, current, bytes.length, 0));
            } else {
                store.counters.remoteMisses.increment();
            }
        }
        if (!allKnown && found < count) {
            try {
                current = engine.remote.capture(counterKeys);
                for (int i = 0; i < n; i++) {
                    engine.mirror.learn(namespaces[i], current[i], epoch);
                }
            } catch (RemoteTier.Unavailable e) {
                current = null;
            }
        }
        return new RemoteRead(values, found, current);
    }

    /** Returns the value if the bytes are our envelope, of our codec, for these namespaces at these versions. */
    private V decodeFresh(String key, byte[] bytes, long[] current) {
        int offset;
        try {
            offset = Envelope.payloadOffset(bytes, store.codecId, namespaceBytes, current);
        } catch (Envelope.CorruptValueException e) {
            LOG.warn("Ignoring the value of key '{}' in cache '{}' in Redis: {}; it is treated as a miss and replaced",
                    key, store.name, e.getMessage());
            return null;
        }
        if (offset == Envelope.OTHER_CODEC) {
            LOG.warn("Ignoring the value of key '{}' in cache '{}' in Redis: it was written with codec '{}', not '{}'",
                    key, store.name, Envelope.codecIdOf(bytes), store.codec.id());
            return null;
        }
        if (offset == Envelope.STALE) {
            return null;
        }
        try {
            return store.decode(bytes, offset);
        } catch (RuntimeException e) {
            LOG.warn("Ignoring the value of key '{}' in cache '{}' in Redis: codec '{}' could not decode it ({}); "
                    + "it is treated as a miss and replaced", key, store.name, store.codec.id(), e.getMessage());
            return null;
        }
    }

    @Override
    public void put(String key, V value) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        byte[] bytes = Values.encode(store, key, value, engine.maxValueBytes);
        if (engine.remote == null) {
            store.local.put(key, store.entry(value, namespaces, engine.localVersions.capture(namespaces), bytes.length, 0));
            return;
        }
        try {
            long[] versions = namespaces.length == 0 ? LocalEntry.NO_VERSIONS : knownVersionsOrCapture();
            engine.remote.set(List.of(Keys.join(store.valuePrefix, key)),
                    List.of(Envelope.write(store.codec.id(), namespaces, versions, bytes)), store.ttlMillis,
                    List.of(Invalidations.keyMessage(engine.nodeId, store.name, key)));
            store.local.put(key, store.entry(value, namespaces, versions, bytes.length, 0));
        } catch (RemoteTier.Unavailable e) {
            engine.deleteLater(store.name, key);
            if (namespaces.length == 0) {
                store.local.put(key, store.entry(value, namespaces, LocalEntry.NO_VERSIONS, bytes.length, 0));
            } else {
                store.local.invalidate(key);
            }
        }
    }

    @Override
    public void invalidate(String key) {
        Objects.requireNonNull(key, "key must not be null");
        store.local.invalidate(key);
        if (engine.remote != null) {
            try {
                engine.remote.delete(Keys.join(store.valuePrefix, key),
                        Invalidations.keyMessage(engine.nodeId, store.name, key));
            } catch (RemoteTier.Unavailable e) {
                engine.deleteLater(store.name, key);
            }
        }
    }

    /**
     * The versions to store a put value with: this node's copy when it knows every namespace (it
     * is trusted only while subscribed, and at worst older than Redis's, which makes the entry
     * stale, never wrongly fresh), else read from Redis (one more round trip).
     */
    private long[] knownVersionsOrCapture() {
        long[] known = new long[namespaces.length];
        for (int i = 0; i < known.length; i++) {
            known[i] = engine.mirror.current(namespaces[i]);
            if (known[i] == Versions.UNKNOWN) {
                return engine.remote.capture(counterKeys);
            }
        }
        return known;
    }

    private boolean fresh(LocalEntry entry) {
        String[] stored = entry.namespaces();
        if (stored == namespaces) {
            if (stored.length == 0) {
                return true;
            }
        } else if (!Arrays.equals(stored, namespaces)) {
            return false;
        }
        Versions versions = engine.versions();
        long[] captured = entry.versions();
        for (int i = 0; i < stored.length; i++) {
            if (versions.current(stored[i]) != captured[i]) {
                return false;
            }
        }
        return true;
    }

    private byte[] encodeOrLog(String key, V value) {
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
    private static <V> V cast(Object value) {
        return (V) value;
    }

    /** What one read of Redis found, by position of the keys asked, and the versions to store loaded values with ({@code null}: do not store). */
    private record RemoteRead(Object[] values, int found, long[] captured) {
    }
}
