package dev.ludicrous.benchmarks.blog;

import java.util.List;

/**
 * The figures of one run. Times in milliseconds; {@code queriesMin/Max/Mean} over the responses
 * that carried a {@code db} Server-Timing entry ({@code queriesUnknown} counts those that did not);
 * a cache hit is a response that ran no query. {@code roundRequestsPerSecond} holds the
 * throughput of each slice when the run was interleaved with others, else nothing.
 */
record RunResult(
        String name,
        String mode,
        String database,
        String cacheTier,
        String profiler,
        int clients,
        long requests,
        long errors,
        String firstError,
        double seconds,
        double requestsPerSecond,
        double p50Ms,
        double p90Ms,
        double p99Ms,
        double maxMs,
        double meanMs,
        int queriesMin,
        int queriesMax,
        double queriesMean,
        long queriesUnknown,
        long zeroQueryResponses,
        double bytesMean,
        long profiled,
        List<Double> roundRequestsPerSecond) {
    RunResult {
        roundRequestsPerSecond = List.copyOf(roundRequestsPerSecond);
    }
}
