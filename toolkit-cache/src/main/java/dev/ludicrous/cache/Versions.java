package dev.ludicrous.cache;

/** Where a node looks up the current version of a namespace without a round trip. */
interface Versions {
    /** Returned when the version is not known here, or cannot be trusted: a local copy is then stale. */
    long UNKNOWN = Long.MIN_VALUE;

    /** Returns the version of {@code namespace}, or {@link #UNKNOWN}. */
    long current(String namespace);

    /**
     * Returns the live cell of {@code namespace}, for a local entry to keep, or {@code null} when
     * none is held here. Its version may be read only while {@link #trusted()}.
     */
    VersionCell cell(String namespace);

    /** Whether the versions held here may be trusted now; when not, every versioned entry is stale. */
    boolean trusted();
}
