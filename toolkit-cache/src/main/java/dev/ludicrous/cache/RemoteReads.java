package dev.ludicrous.cache;

import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads of the shared tier for one view: values and the versions of its namespaces together. */
final class RemoteReads {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteReads.class);

    private RemoteReads() {
    }

    /**
     * Reads values and the current versions of this view's namespaces in one round trip: a GET for
     * one key without namespaces (the command a raw read sends), else one MGET of the values and
     * the counters. When a counter is missing, creates it (one more round trip) so the versions
     * captured for a load are real. Returns {@code null} when Redis is unavailable.
     */
    static <V> Result read(View<V> view, String[] keys, int count) {
        int n = view.namespaces.length;
        long epoch = view.engine.mirror.epoch();
        long writes = view.store.writes.get();
        List<byte[]> reply;
        try {
            if (n == 0 && count == 1) {
                reply = Collections.singletonList(view.engine.remote.get(Keys.join(view.store.valuePrefix, keys[0])));
            } else {
                byte[][] redisKeys = new byte[count + n][];
                for (int i = 0; i < count; i++) {
                    redisKeys[i] = Keys.join(view.store.valuePrefix, keys[i]);
                }
                System.arraycopy(view.counterKeys, 0, redisKeys, count, n);
                reply = view.engine.remote.mget(redisKeys);
            }
        } catch (RemoteTier.Unavailable e) {
            view.store.counters.remoteMisses.add(count);
            return null;
        }
        long[] current = n == 0 ? LocalEntry.NO_VERSIONS : new long[n];
        boolean allKnown = true;
        for (int i = 0; i < n; i++) {
            current[i] = RemoteTier.counter(reply.get(count + i));
            if (current[i] == Versions.UNKNOWN) {
                allKnown = false;
                // A lost counter comes back from the server clock; until this node learns it, its
                // local entries under the old version must not be served.
                view.engine.mirror.forget(view.namespaces[i]);
            } else if (view.engine.mirror.current(view.namespaces[i]) != current[i]) {
                view.engine.mirror.learn(view.namespaces[i], current[i], epoch);
            }
        }
        Object[] values = new Object[count];
        int found = 0;
        for (int i = 0; i < count; i++) {
            byte[] bytes = reply.get(i);
            V value = bytes == null || !allKnown ? null : decodeFresh(view, keys[i], bytes, current);
            if (value != null) {
                values[i] = value;
                found++;
                view.fill(keys[i], value, current, bytes.length, 0);
            }
        }
        if (found > 0 && view.store.writes.get() != writes) {
            // A write changed the local tier while Redis was read: what was read may be older than
            // it, and must not outlive it here (the caller still gets what Redis held then).
            for (int i = 0; i < count; i++) {
                if (values[i] != null) {
                    view.store.local.invalidate(keys[i]);
                }
            }
        }
        // Once per read, not per key: an increment costs as much as a key's share of the read.
        view.store.counters.remoteHits.add(found);
        view.store.counters.remoteMisses.add(count - found);
        if (!allKnown && found < count) {
            try {
                current = view.engine.remote.capture(view.counterKeys);
                for (int i = 0; i < n; i++) {
                    view.engine.mirror.learn(view.namespaces[i], current[i], epoch);
                }
            } catch (RemoteTier.Unavailable e) {
                current = null;
            }
        }
        return new Result(values, found, current);
    }

    /** Returns the value if the bytes are our envelope, of our codec, for these namespaces at these versions. */
    private static <V> V decodeFresh(View<V> view, String key, byte[] bytes, long[] current) {
        int offset;
        try {
            offset = Envelope.payloadOffset(bytes, view.store.codecId, view.namespaceBytes, current);
        } catch (Envelope.CorruptValueException e) {
            LOG.warn("Ignoring the value of key '{}' in cache '{}' in Redis: {}; it is treated as a miss and replaced",
                    key, view.store.name, e.getMessage());
            return null;
        }
        if (offset == Envelope.OTHER_CODEC) {
            LOG.warn("Ignoring the value of key '{}' in cache '{}' in Redis: it was written with codec '{}', not '{}'",
                    key, view.store.name, Envelope.codecIdOf(bytes), view.store.codec.id());
            return null;
        }
        if (offset == Envelope.STALE) {
            return null;
        }
        try {
            return view.store.decode(bytes, offset);
        } catch (RuntimeException e) {
            LOG.warn("Ignoring the value of key '{}' in cache '{}' in Redis: codec '{}' could not decode it ({}); "
                    + "it is treated as a miss and replaced", key, view.store.name, view.store.codec.id(), e.getMessage());
            return null;
        }
    }

    /**
     * What one read of Redis found, by position of the keys asked, and the versions to store
     * loaded values with ({@code null}: do not store).
     */
    record Result(Object[] values, int found, long[] captured) {
    }
}
