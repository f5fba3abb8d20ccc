package dev.ludicrous.cache;

/** Where a node looks up the current version of a namespace without a round trip. */
interface Versions {
    /** Returned when the version is not known here, or cannot be trusted: a local copy is then stale. */
    long UNKNOWN = Long.MIN_VALUE;

    /** Returns the version of {@code namespace}, or {@link #UNKNOWN}. */
    long current(String namespace);
}
