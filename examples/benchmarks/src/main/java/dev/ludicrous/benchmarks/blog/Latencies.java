package dev.ludicrous.benchmarks.blog;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method (the value below which p % of the samples fall,
 * always one of the samples, never interpolated), the way wrk and HdrHistogram report them.
 */
record Latencies(long p50Nanos, long p90Nanos, long p99Nanos, long maxNanos, long meanNanos) {
    static final Latencies NONE = new Latencies(0, 0, 0, 0, 0);

    /** Percentiles of {@code nanos}; the array is sorted in place. */
    static Latencies of(long[] nanos) {
        if (nanos.length == 0) {
            return NONE;
        }
        Arrays.sort(nanos);
        long sum = 0;
        for (long n : nanos) {
            sum += n;
        }
        return new Latencies(percentile(nanos, 50), percentile(nanos, 90), percentile(nanos, 99),
                nanos[nanos.length - 1], sum / nanos.length);
    }

    /** Nearest rank: the ceil(p/100 * n)-th smallest of the sorted samples (1-based), p in (0, 100]. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], but was " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
