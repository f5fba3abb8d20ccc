package dev.ludicrous.cache;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Namespace versions of a node without Redis. Every version comes from one clock, so a namespace
 * that is evicted from the bounded map and comes back gets a version no entry has seen, in a new
 * cell (the evicted one is dead): its dependents read as stale, never as fresh.
 */
final class LocalVersions implements Versions {
    private final VersionCells cells;
    private final AtomicLong clock = new AtomicLong();
    private final LongSupplier tick = clock::incrementAndGet;

    LocalVersions(long maximumNamespaces) {
        this(new VersionCells(maximumNamespaces));
    }

    LocalVersions(VersionCells cells) {
        this.cells = cells;
    }

    @Override
    public long current(String namespace) {
        return cells.current(namespace);
    }

    @Override
    public VersionCell cell(String namespace) {
        return cells.get(namespace);
    }

    @Override
    public boolean trusted() {
        return true;
    }

    long[] capture(String[] namespaces) {
        long[] captured = new long[namespaces.length];
        for (int i = 0; i < namespaces.length; i++) {
            captured[i] = cells.getOrStart(namespaces[i], tick);
        }
        return captured;
    }

    void bump(String namespace) {
        // The clock only grows, so max keeps the later of two concurrent bumps.
        cells.raise(namespace, clock.incrementAndGet());
    }
}
