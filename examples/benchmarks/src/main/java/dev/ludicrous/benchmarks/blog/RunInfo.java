package dev.ludicrous.benchmarks.blog;

import java.util.Map;

/** Where and how the benchmark ran, printed at the top of the report and kept in the JSON. */
record RunInfo(
        String startedAt,
        String size,
        String command,
        int clients,
        double warmupSeconds,
        double measureSeconds,
        long maxRequestsPerRun,
        String machine,
        String jdk,
        String loadAverageBefore,
        String loadAverageAfter,
        Map<String, String> dataSet,
        double totalSeconds) {
}
