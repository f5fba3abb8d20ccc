package dev.ludicrous.benchmarks.blog;

import java.util.List;

/** Results as the driver would produce them, for the report and check tests. */
final class Fixtures {
    private Fixtures() {
    }

    static RunResult run(String db, String mode, String profiler, double rps, int qMin, int qMax, long requests, long zero,
            long errors) {
        return new RunResult(db + " /" + mode + (profiler.equals("idle") ? "" : " " + profiler), mode, db, "local", profiler,
                4, requests, errors, errors > 0 ? "HTTP 500 from /" + mode : null, 10, rps, 10, 20, 30, 40, 12, qMin, qMax,
                (qMin + qMax) / 2.0, 0, zero, 9_600, 0, List.of());
    }
}
