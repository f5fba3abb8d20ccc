package dev.ludicrous.benchmarks.blog;

import java.util.Optional;

/**
 * The query counts pinned per page: what makes the benchmark fail. They are exact, unlike
 * timings, so CI can hold them: optimized at most {@value #OPTIMIZED_MAX}; cached 0 on a hit, a
 * miss no more than the optimized page, and at most 1 + 1 % of the requests missing (an entry's
 * TTL may run out during a long run). The naive page is allowed its 1 + 2N+ and never fails; the
 * post page is reported only. Errors fail every mode.
 */
final class QueryBudget {
    /** Posts on the homepage. */
    static final int N = 20;
    /** The naive homepage's floor, 1 + 2N: a goal shown in the report, not a failure. */
    static final int NAIVE_MIN = 1 + 2 * N;
    /** The optimized homepage's most queries per request. */
    static final int OPTIMIZED_MAX = 3;

    private QueryBudget() {
    }

    /** Why {@code run} breaks its pin, or empty when it keeps it. */
    static Optional<String> violation(Mode mode, RunResult run) {
        if (run.errors() > 0) {
            return Optional.of(run.name() + ": " + run.errors() + " of " + run.requests()
                    + " requests failed (first: " + run.firstError() + ")");
        }
        if (run.requests() == 0) {
            return Optional.of(run.name() + ": no request completed");
        }
        boolean pinned = mode == Mode.OPTIMIZED || mode == Mode.CACHED;
        if (pinned && run.queriesUnknown() > 0) {
            return Optional.of(run.name() + ": " + run.queriesUnknown() + " responses had no Server-Timing db entry,"
                    + " so their query count cannot be checked (the blog must run in its development profile)");
        }
        return switch (mode) {
            case OPTIMIZED -> run.queriesMax() > OPTIMIZED_MAX
                    ? Optional.of(run.name() + ": up to " + run.queriesMax() + " queries per request, pinned at most "
                            + OPTIMIZED_MAX)
                    : Optional.empty();
            case CACHED -> cached(run);
            case NAIVE, POST -> Optional.empty();
        };
    }

    private static Optional<String> cached(RunResult run) {
        if (run.queriesMax() > OPTIMIZED_MAX) {
            return Optional.of(run.name() + ": a response ran " + run.queriesMax() + " queries; a miss may run at most "
                    + OPTIMIZED_MAX + " (the optimized page) and a hit 0");
        }
        long misses = run.requests() - run.zeroQueryResponses();
        long allowed = allowedMisses(run.requests());
        if (misses > allowed) {
            return Optional.of(run.name() + ": " + misses + " of " + run.requests()
                    + " responses ran queries (cache misses); pinned at 0 on a hit, with at most " + allowed + " misses");
        }
        return Optional.empty();
    }

    static long allowedMisses(long requests) {
        return 1 + requests / 100;
    }
}
