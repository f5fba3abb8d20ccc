package dev.ludicrous.cache;

/**
 * A value in the local tier, with the namespaces it depends on and the versions they had when
 * its loader started. {@code weight} is the encoded size in bytes, for a byte-bounded local tier.
 */
record LocalEntry(Object value, String[] namespaces, long[] versions, int weight) {
    static final String[] NO_NAMESPACES = new String[0];
    static final long[] NO_VERSIONS = new long[0];
}
