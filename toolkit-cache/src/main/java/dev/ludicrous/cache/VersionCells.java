package dev.ludicrous.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.util.ArrayList;
import java.util.function.LongSupplier;

/**
 * A bounded map from namespace to its {@link VersionCell}: the store behind {@link LocalVersions}
 * and {@link VersionMirror}. Every way a cell leaves the map kills it first, inside the map's atomic
 * operation for that namespace: size eviction (Caffeine's eviction listener runs there) and
 * {@link #drop} / {@link #dropAll}. So a cell found in the map is live, and no update of a namespace
 * can land on a new cell while an entry still sees the old one as live. Thread-safe.
 */
final class VersionCells {
    private final Cache<String, VersionCell> cells;

    VersionCells(long maximumNamespaces) {
        this.cells = Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumSize(maximumNamespaces)
                .evictionListener((String namespace, VersionCell cell, RemovalCause cause) -> {
                    if (cell != null) {
                        cell.kill();
                    }
                })
                .build();
    }

    /** Returns the live cell of {@code namespace}, or {@code null} when the map does not hold one. */
    VersionCell get(String namespace) {
        VersionCell cell = cells.getIfPresent(namespace);
        return cell == null || cell.dead() ? null : cell;
    }

    /** Returns the version of {@code namespace}, or {@link Versions#UNKNOWN} when the map does not hold it. */
    long current(String namespace) {
        VersionCell cell = cells.getIfPresent(namespace);
        // A dead cell reads DEAD, which is UNKNOWN.
        return cell == null ? Versions.UNKNOWN : cell.version();
    }

    /** Returns the version of {@code namespace}, starting it at {@code first} when the map does not hold it. */
    long getOrStart(String namespace, LongSupplier first) {
        VersionCell known = cells.getIfPresent(namespace);
        long version = known == null ? VersionCell.DEAD : known.version();
        if (version != VersionCell.DEAD) {
            return version;
        }
        return cells.asMap().compute(namespace,
                (ns, cell) -> cell == null || cell.dead() ? new VersionCell(first.getAsLong()) : cell).version();
    }

    /** Merges {@code version} into the cell of {@code namespace} with {@code max}, making the cell if needed. */
    void raise(String namespace, long version) {
        cells.asMap().compute(namespace, (ns, cell) -> {
            if (cell == null || cell.dead()) {
                return new VersionCell(version);
            }
            cell.raise(version);
            return cell;
        });
    }

    /** Kills the cell of {@code namespace} and removes it. */
    void drop(String namespace) {
        cells.asMap().computeIfPresent(namespace, (ns, cell) -> {
            cell.kill();
            return null;
        });
    }

    /** Kills and removes every cell (not Caffeine's invalidateAll, whose listener would run after the removal). */
    void dropAll() {
        for (String namespace : new ArrayList<>(cells.asMap().keySet())) {
            drop(namespace);
        }
    }

    /** Runs pending maintenance (size eviction) now; for tests. */
    void cleanUp() {
        cells.cleanUp();
    }
}
