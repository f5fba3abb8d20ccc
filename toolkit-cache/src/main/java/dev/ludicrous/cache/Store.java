package dev.ludicrous.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** The state one named cache shares between all its views: local tier, loads in flight, counters. */
final class Store<V> {
    final String name;
    final Codec<V> codec;
    final long ttlMillis;
    final Cache<String, LocalEntry> local;
    // False with localMaximumSize(0): nothing is ever put, so every read goes to Redis.
    final boolean localTier;
    // Only loads running now: bounded by the number of threads calling get.
    final ConcurrentHashMap<String, CompletableFuture<Object>> inflight = new ConcurrentHashMap<>();
    final Counters counters = new Counters();
    final AtomicBoolean refusalLogged = new AtomicBoolean();
    // A local hit costs about as much as one counter increment: counted only when asked for.
    final boolean countHits;

    final Refresh refresh;
    // Key layout, encoded once: <prefix>v:<cache>: and <prefix>l:<cache>:, and the codec id as stored.
    final byte[] valuePrefix;
    final byte[] leasePrefix;
    final byte[] codecId;
    // Keys being refreshed in the background now: bounded by the executor's throughput.
    final ConcurrentHashMap<String, Boolean> refreshing = new ConcurrentHashMap<>();
    // How many writes (puts, invalidations, other nodes' messages) have changed the local tier:
    // a read of Redis that saw it change while it ran drops what it filled (see RemoteReads).
    final AtomicLong writes = new AtomicLong();

    /** How a cache refreshes ahead of its TTL; {@code timed} is false when it does not. */
    record Refresh(Ticker ticker, long ttlNanos, long staleWindowNanos, double beta, Executor executor) {
        boolean timed() {
            return staleWindowNanos > 0 || beta > 0;
        }
    }

    Store(String name, Codec<V> codec, String keyPrefix, Duration ttl, long maximumEntries, long maximumBytes,
            boolean countHits, Refresh refresh) {
        this.name = name;
        this.valuePrefix = Keys.prefix(keyPrefix + "v:" + name + ":");
        this.leasePrefix = Keys.prefix(keyPrefix + "l:" + name + ":");
        this.codecId = codec.id().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.countHits = countHits;
        this.codec = codec;
        this.ttlMillis = ttl.toMillis();
        this.refresh = refresh;
        this.localTier = maximumEntries > 0 || maximumBytes > 0;
        Caffeine<String, LocalEntry> builder = Caffeine.newBuilder()
                .executor(LocalMaintenance.INSTANCE)
                .ticker(refresh.ticker())
                // Past its TTL, an entry stays for the stale window, served while it is refreshed.
                .expireAfterWrite(ttl.plusNanos(refresh.staleWindowNanos()))
                // Called during eviction itself: a removal listener would cost a task handed to the
                // executor for every replaced or invalidated entry too, only to be ignored.
                .evictionListener((String key, LocalEntry entry, com.github.benmanes.caffeine.cache.RemovalCause cause) ->
                        counters.evictions.increment());
        if (maximumBytes > 0) {
            builder.maximumWeight(maximumBytes).weigher((String key, LocalEntry entry) -> entry.weight());
        } else {
            builder.maximumSize(maximumEntries);
        }
        this.local = builder.build();
    }

    /**
     * Puts a written value into the local tier. Called after the write reached Redis: a read of
     * Redis that ran before it either sees the count change and drops its fill, or filled before
     * this put, which then replaces it.
     */
    void writeLocal(String key, LocalEntry entry) {
        writes.incrementAndGet();
        if (localTier) {
            local.put(key, entry);
        }
    }

    /**
     * Drops a key from the local tier for a write or an invalidation; called after Redis changed,
     * as {@link #writeLocal} is.
     */
    void dropLocal(String key) {
        writes.incrementAndGet();
        local.invalidate(key);
    }

    /** Drops the whole local tier, as {@link #dropLocal} for every key. */
    void dropAllLocal() {
        writes.incrementAndGet();
        local.invalidateAll();
    }

    /** Decodes the payload that starts at {@code offset} of stored bytes; never returns {@code null}. */
    @SuppressWarnings("unchecked")
    V decode(byte[] stored, int offset) {
        V value = codec instanceof StringCodec strings
                ? (V) strings.decode(stored, offset, stored.length - offset)
                : codec.decode(java.util.Arrays.copyOfRange(stored, offset, stored.length));
        if (value == null) {
            throw new IllegalStateException("the codec returned null");
        }
        return value;
    }

    LocalEntry entry(Object value, String[] namespaces, long[] versions, VersionCell[] cells, int weight, long loadCost) {
        if (!refresh.timed()) {
            return new LocalEntry(value, namespaces, versions, cells, weight, 0, 0);
        }
        return new LocalEntry(value, namespaces, versions, cells, weight, refresh.ticker().read() + refresh.ttlNanos(),
                loadCost);
    }
}
