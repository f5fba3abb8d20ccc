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
import java.util.Set;
import java.util.function.Function;

/**
 * {@code getAll}: the local tier first, then every key it lacks in one Redis round trip, then one
 * call of the bulk loader for the rest.
 */
final class BulkReads {
    private BulkReads() {
    }

    static <V> Map<String, V> getAll(View<V> view, Collection<String> keys,
            Function<? super Set<String>, ? extends Map<String, ? extends V>> bulkLoader) {
        Objects.requireNonNull(keys, "keys must not be null");
        Objects.requireNonNull(bulkLoader, "bulkLoader must not be null");
        boolean deferring = LocalMaintenance.defer();
        try {
            return read(view, keys, bulkLoader);
        } finally {
            if (deferring) {
                LocalMaintenance.runDeferred();
            }
        }
    }

    private static <V> Map<String, V> read(View<V> view, Collection<String> keys,
            Function<? super Set<String>, ? extends Map<String, ? extends V>> bulkLoader) {
        // The result doubles as the set of keys seen, in order: a key not found yet holds ABSENT.
        Map<String, V> result = new LinkedHashMap<>((int) (keys.size() / 0.75f) + 1);
        V absent = View.cast(ABSENT);
        String[] missing = new String[keys.size()];
        int missingCount = 0;
        for (String key : keys) {
            Objects.requireNonNull(key, "keys must not contain null");
            LocalEntry entry = view.store.local.getIfPresent(key);
            boolean hit = entry != null && view.fresh(entry);
            if (result.putIfAbsent(key, hit ? View.cast(entry.value()) : absent) != null) {
                continue; // a key named twice
            }
            if (!hit) {
                missing[missingCount++] = key;
            } else if (view.store.countHits) {
                view.store.counters.localHits.increment();
            }
        }
        view.store.counters.localMisses.add(missingCount);
        if (missingCount > 0 && loadMissing(view, missing, missingCount, result, bulkLoader) < missingCount) {
            result.values().removeIf(value -> value == ABSENT);
        }
        return result;
    }

    private static final Object ABSENT = new Object();

    /** Fills the result with what Redis and the loader have for the missing keys; returns how many it found. */
    private static <V> int loadMissing(View<V> view, String[] missing, int count, Map<String, V> result,
            Function<? super Set<String>, ? extends Map<String, ? extends V>> bulkLoader) {
        int found = 0;
        long[] captured = null;
        boolean remoteUsable = false;
        Set<String> toLoad = new LinkedHashSet<>();
        if (view.engine.remote != null) {
            RemoteReads.Result read = RemoteReads.read(view, missing, count);
            if (read != null) {
                remoteUsable = true;
                captured = read.captured();
                // The entries still ABSENT are the missing keys in the same order: filled in place,
                // without looking each key up again.
                Object[] values = read.values();
                int i = 0;
                for (Map.Entry<String, V> entry : result.entrySet()) {
                    if (entry.getValue() != ABSENT) {
                        continue;
                    }
                    if (values[i] != null) {
                        entry.setValue(View.cast(values[i]));
                        found++;
                    } else {
                        toLoad.add(missing[i]);
                    }
                    if (++i == count) {
                        break;
                    }
                }
            } else {
                captured = view.versionsForOutage();
                toLoad.addAll(Arrays.asList(missing).subList(0, count));
            }
        } else {
            captured = view.engine.localVersions.capture(view.namespaces);
            toLoad.addAll(Arrays.asList(missing).subList(0, count));
        }
        if (toLoad.isEmpty()) {
            return found;
        }
        Map<String, ? extends V> loaded = view.loads.bulk(Collections.unmodifiableSet(toLoad), bulkLoader);
        List<byte[]> remoteKeys = new ArrayList<>();
        List<byte[]> remoteValues = new ArrayList<>();
        for (String key : toLoad) {
            V value = loaded.get(key);
            if (value == null) {
                continue;
            }
            result.put(key, value);
            found++;
            boolean cacheable = captured != null || view.namespaces.length == 0;
            byte[] bytes = cacheable ? view.encodeOrLog(key, value) : null;
            if (bytes == null) {
                continue;
            }
            long[] versions = captured == null ? LocalEntry.NO_VERSIONS : captured;
            view.fill(key, value, versions, bytes.length, 0);
            if (remoteUsable && captured != null) {
                remoteKeys.add(Keys.join(view.store.valuePrefix, key));
                remoteValues.add(Envelope.write(view.store.codec.id(), view.namespaces, versions, bytes));
            }
        }
        if (!remoteKeys.isEmpty()) {
            try {
                view.engine.remote.set(remoteKeys, remoteValues, view.store.ttlMillis, List.of());
            } catch (RemoteTier.Unavailable e) {
                // The values are served from the local tier; Redis gets them on a later load.
            }
        }
        return found;
    }
}
