package dev.ludicrous.benchmarks.blog;

import static dev.ludicrous.benchmarks.blog.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryBudgetTest {
    @Test
    void optimizedAtThreeQueriesKeepsItsPin() {
        assertThat(QueryBudget.violation(Mode.OPTIMIZED, run("h2", "optimized", "idle", 100, 3, 3, 1000, 0, 0))).isEmpty();
    }

    @Test
    void optimizedAboveThreeQueriesBreaksItsPin() {
        assertThat(QueryBudget.violation(Mode.OPTIMIZED, run("h2", "optimized", "idle", 100, 3, 4, 1000, 0, 0)))
                .hasValue("h2 /optimized: up to 4 queries per request, pinned at most 3");
    }

    @Test
    void cachedHitsRunNoQueriesAndAFewMissesAreAllowed() {
        assertThat(QueryBudget.violation(Mode.CACHED, run("h2", "cached", "idle", 1000, 0, 0, 1000, 1000, 0))).isEmpty();
        // An expired entry: one miss renders the optimized page (3 queries).
        assertThat(QueryBudget.violation(Mode.CACHED, run("h2", "cached", "idle", 1000, 0, 3, 1000, 989, 0))).isEmpty();
    }

    @Test
    void cachedPageThatMissesOftenBreaksItsPin() {
        assertThat(QueryBudget.violation(Mode.CACHED, run("h2", "cached", "idle", 1000, 0, 3, 1000, 900, 0)))
                .hasValueSatisfying(v -> assertThat(v).contains("100 of 1000 responses ran queries").contains("at most 11 misses"));
    }

    @Test
    void cachedResponseRunningMoreThanTheOptimizedPageBreaksItsPin() {
        assertThat(QueryBudget.violation(Mode.CACHED, run("pg", "cached", "idle", 1000, 0, 61, 1000, 999, 0)))
                .hasValueSatisfying(v -> assertThat(v).contains("a response ran 61 queries"));
    }

    @Test
    void naiveIsAllowedItsNPlusOneAndThePostPageIsOnlyReported() {
        assertThat(QueryBudget.violation(Mode.NAIVE, run("h2", "naive", "idle", 5, 61, 61, 50, 0, 0))).isEmpty();
        assertThat(QueryBudget.violation(Mode.POST, run("h2", "post", "idle", 500, 0, 4, 50, 40, 0))).isEmpty();
    }

    @Test
    void anyErrorFailsEveryMode() {
        for (Mode mode : Mode.values()) {
            assertThat(QueryBudget.violation(mode, run("h2", "naive", "idle", 5, 61, 61, 50, 0, 2)))
                    .hasValue("h2 /naive: 2 of 50 requests failed (first: HTTP 500 from /naive)");
        }
    }

    @Test
    void aPinnedPageWithoutQueryCountsFails() {
        RunResult noHeader = new RunResult("h2 /optimized", "optimized", "h2", "local", "idle", 4, 10, 0, null, 1, 10, 1, 1, 1,
                1, 1, 0, 0, 0, 10, 0, 100, 0, java.util.List.of());
        assertThat(QueryBudget.violation(Mode.OPTIMIZED, noHeader))
                .hasValueSatisfying(v -> assertThat(v).contains("10 responses had no Server-Timing db entry"));
    }
}
