package dev.ludicrous.cache;

/**
 * Counts of what one named cache did since its manager was built. All counts only grow.
 *
 * @param localHits reads answered by the local tier; 0 unless the manager was built with
 *     {@link CacheManager.Builder#recordStats()}
 * @param localMisses reads the local tier could not answer
 * @param remoteHits reads answered by Redis
 * @param remoteMisses reads Redis could not answer (absent, stale, corrupt, or Redis down)
 * @param loads loader calls that returned a value (a bulk loader call counts once)
 * @param loadFailures loader calls that threw
 * @param loadNanos time spent in loaders, in nanoseconds
 * @param evictions local entries removed for size or age
 */
public record CacheStats(long localHits, long localMisses, long remoteHits, long remoteMisses, long loads,
        long loadFailures, long loadNanos, long evictions) {
}
