package dev.ludicrous.cache;

import java.util.concurrent.atomic.LongAdder;

/** What one named cache did; {@link LongAdder}s so that counting takes no lock on the hot path. */
final class Counters {
    final LongAdder localHits = new LongAdder();
    final LongAdder localMisses = new LongAdder();
    final LongAdder remoteHits = new LongAdder();
    final LongAdder remoteMisses = new LongAdder();
    final LongAdder loads = new LongAdder();
    final LongAdder loadFailures = new LongAdder();
    final LongAdder loadNanos = new LongAdder();
    final LongAdder evictions = new LongAdder();

    CacheStats snapshot() {
        return new CacheStats(localHits.sum(), localMisses.sum(), remoteHits.sum(), remoteMisses.sum(), loads.sum(),
                loadFailures.sum(), loadNanos.sum(), evictions.sum());
    }
}
