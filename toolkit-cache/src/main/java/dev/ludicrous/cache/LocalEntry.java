package dev.ludicrous.cache;

/**
 * A value in the local tier, with the namespaces it depends on and the versions they had when
 * its loader started. {@code weight} is the encoded size in bytes, for a byte-bounded local tier.
 * For caches that refresh ahead, {@code freshUntil} is when its TTL ends (ticker time) and
 * {@code loadCost} how long its loader ran, both 0 otherwise.
 *
 * <p>{@code cells} holds, by position of {@code namespaces}, the version cell each namespace had
 * when the entry was stored, so that checking it needs no lookup; {@code null} where this node held
 * no cell for it then (the check looks the namespace up instead). A cell that was dropped since is
 * dead and never equals a captured version.
 */
record LocalEntry(Object value, String[] namespaces, long[] versions, VersionCell[] cells, int weight, long freshUntil,
        long loadCost) {
    static final String[] NO_NAMESPACES = new String[0];
    static final long[] NO_VERSIONS = new long[0];
    static final VersionCell[] NO_CELLS = new VersionCell[0];
}
