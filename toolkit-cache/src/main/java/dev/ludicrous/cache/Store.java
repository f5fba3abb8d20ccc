package dev.ludicrous.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** The state one named cache shares between all its views: local tier, loads in flight, counters. */
final class Store<V> {
    final String name;
    final Codec<V> codec;
    final long ttlMillis;
    final Cache<String, LocalEntry> local;
    // Only loads running now: bounded by the number of threads calling get.
    final ConcurrentHashMap<String, CompletableFuture<Object>> inflight = new ConcurrentHashMap<>();
    final Counters counters = new Counters();
    final AtomicBoolean refusalLogged = new AtomicBoolean();
    // A local hit costs about as much as one counter increment: counted only when asked for.
    final boolean countHits;

    Store(String name, Codec<V> codec, Duration ttl, long maximumEntries, long maximumBytes, boolean countHits) {
        this.name = name;
        this.countHits = countHits;
        this.codec = codec;
        this.ttlMillis = ttl.toMillis();
        Caffeine<String, LocalEntry> builder = Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .removalListener((String key, LocalEntry entry, com.github.benmanes.caffeine.cache.RemovalCause cause) -> {
                    if (cause.wasEvicted()) {
                        counters.evictions.increment();
                    }
                });
        if (maximumBytes > 0) {
            builder.maximumWeight(maximumBytes).weigher((String key, LocalEntry entry) -> entry.weight());
        } else {
            builder.maximumSize(maximumEntries);
        }
        this.local = builder.build();
    }
}
