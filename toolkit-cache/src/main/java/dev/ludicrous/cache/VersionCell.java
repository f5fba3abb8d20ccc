package dev.ludicrous.cache;

/**
 * The version of one namespace on this node, shared by the version map that owns it and by every
 * local entry stored under it, so that checking an entry is one volatile read per namespace, not a
 * map lookup.
 *
 * <p>A cell lives while its map holds it. When the map drops it (eviction, a bump that could not be
 * trusted, a lost subscription) it is first marked {@link #DEAD}, a value no entry captures, and
 * never comes back: a later version of that namespace gets a new cell, so an entry still holding
 * the old one reads as stale, never as fresh.
 */
final class VersionCell {
    /** The version of a dropped cell; equal to {@link Versions#UNKNOWN}, which no entry stores. */
    static final long DEAD = Versions.UNKNOWN;

    private volatile long version;

    VersionCell(long version) {
        this.version = version;
    }

    long version() {
        return version;
    }

    boolean dead() {
        return version == DEAD;
    }

    /**
     * Raises the version to {@code newer} if it is higher. Called only by the owning map under its
     * lock for this namespace, so a read-then-write is not lost; never called on a dead cell.
     */
    void raise(long newer) {
        if (newer > version) {
            version = newer;
        }
    }

    /** Marks the cell dropped; called by the owning map before the cell leaves it. */
    void kill() {
        version = DEAD;
    }
}
