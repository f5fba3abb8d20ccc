package dev.ludicrous.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Namespace versions of a node without Redis. Every version comes from one clock, so a namespace
 * that is evicted from the bounded map and comes back gets a version no entry has seen: its
 * dependents read as stale, never as fresh.
 */
final class LocalVersions implements Versions {
    private final Cache<String, Long> versions;
    private final AtomicLong clock = new AtomicLong();

    LocalVersions(long maximumNamespaces) {
        this(Caffeine.newBuilder().executor(Runnable::run).maximumSize(maximumNamespaces).build());
    }

    LocalVersions(Cache<String, Long> versions) {
        this.versions = versions;
    }

    @Override
    public long current(String namespace) {
        Long version = versions.getIfPresent(namespace);
        return version == null ? UNKNOWN : version;
    }

    long[] capture(String[] namespaces) {
        long[] captured = new long[namespaces.length];
        for (int i = 0; i < namespaces.length; i++) {
            captured[i] = versions.get(namespaces[i], ns -> clock.incrementAndGet());
        }
        return captured;
    }

    void bump(String namespace) {
        versions.put(namespace, clock.incrementAndGet());
    }
}
