package dev.ludicrous.benchmarks.blog;

import static dev.ludicrous.benchmarks.blog.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final RunInfo INFO = new RunInfo("2026-11-24T00:00:00Z", "quick", "BlogLoadBenchmark --quick", 4, 3, 6,
            50_000, "2 cores", "OpenJDK 17", "1.0, 1.0, 1.0", "2.0, 1.5, 1.0", Map.of("seed", "defaults"), 120);

    private static final List<RunResult> RESULTS = List.of(
            run("h2", "naive", "idle", 10, 61, 61, 100, 0, 0),
            run("h2", "optimized", "idle", 200, 3, 3, 2000, 0, 0),
            run("h2", "optimized", "slow 250 ms", 190, 3, 3, 1900, 0, 0),
            run("h2", "cached", "idle", 2000, 0, 0, 20000, 20000, 0),
            run("postgresql", "naive", "idle", 4, 61, 61, 40, 0, 0),
            run("postgresql", "optimized", "idle", 40, 3, 3, 400, 0, 0),
            run("postgresql", "cached", "idle", 1000, 0, 0, 10000, 10000, 0));

    @TempDir
    Path dir;

    @Test
    void writesTheReportTheJsonAndBothPlots() throws Exception {
        List<Goal> goals = Goals.judge(RESULTS);
        String markdown = ReportWriter.write(dir, INFO, RESULTS, goals, List.of());

        assertThat(Files.readString(dir.resolve("report.md"))).isEqualTo(markdown);
        assertThat(markdown)
                .contains("Passed: every pinned query count held and no request failed.")
                .contains("| h2 /naive | h2 | local | idle | 10.0 | 10.0 | 20.0 | 30.0 | 40.0 | 61 | 9,600 | 0 | 100 | 0 |")
                .contains("| optimized vs naive (h2) | 20.0x |")
                .contains("| cached vs naive (postgresql) | 250.0x |")
                .contains("| profiler slow 250 ms vs idle (h2, optimized) | 5.0% slower |")
                .contains("![latency percentiles per run](latency.svg)");

        JsonNode json = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertThat(json.get("results")).hasSize(RESULTS.size());
        assertThat(json.get("results").get(0).get("requestsPerSecond").asDouble()).isEqualTo(10.0);
        assertThat(json.get("run").get("clients").asInt()).isEqualTo(4);
        assertThat(json.get("violations")).isEmpty();

        for (String svg : List.of("latency.svg", "throughput.svg")) {
            String text = Files.readString(dir.resolve(svg));
            assertThat(text).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>\n")
                    .contains("h2 /naive").contains("postgresql /cached");
        }
    }

    @Test
    void goalsAreMarkedMetOrNotMetPlainly() {
        String markdown = ReportWriter.markdown(INFO, RESULTS, Goals.judge(RESULTS), List.of());
        assertThat(markdown)
                .contains("| cached >= 50x naive throughput (PostgreSQL) | 250.0x (1000 vs 4.0 req/s) | met |")
                .contains("| optimized >= 5x naive throughput (PostgreSQL) | 10.0x (40 vs 4.0 req/s) | met |")
                .contains("| profiler `slow` mode costs <= 1% throughput (optimized homepage, H2) | slow 250 ms: 190 req/s vs 200 idle:"
                        + " 5.0% slower | **NOT met** |")
                .contains("| profiler `sample` mode costs <= 1% throughput (optimized homepage, H2) | not run | not measured |");
    }

    @Test
    void profilerCostInsideTheNoiseIsNotResolvedAndAboveItIsNotMet() {
        assertThat(Goals.profilerVerdict(0.005, 0.002, 10)).isEqualTo(Goal.Verdict.MET);
        assertThat(Goals.profilerVerdict(-0.20, 0.15, 10)).isEqualTo(Goal.Verdict.UNRESOLVED);
        assertThat(Goals.profilerVerdict(0.05, 0.10, 10)).isEqualTo(Goal.Verdict.UNRESOLVED);
        assertThat(Goals.profilerVerdict(0.30, 0.10, 10)).isEqualTo(Goal.Verdict.NOT_MET);
        assertThat(Goals.profilerVerdict(0.02, Double.NaN, 0)).isEqualTo(Goal.Verdict.NOT_MET);
        // The quick run's three rounds: a tight spread of three ratios says nothing about the noise.
        assertThat(Goals.profilerVerdict(0.12, 0.005, 3)).isEqualTo(Goal.Verdict.UNRESOLVED);
    }

    @Test
    void interleavedRunsAreComparedRoundByRoundSoThatLoadDriftCancels() {
        // The machine got four times faster during the run; the profiled variant is 2 % slower in every round.
        RunResult idle = sliced("idle", 100, 200, 300, 400, 500, 600, 700, 800);
        RunResult slow = sliced("slow 250 ms", 98, 196, 294, 392, 490, 588, 686, 784);
        assertThat(Goals.cost(idle, slow)).isCloseTo(0.02, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Goals.pairedNoise(idle, slow)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Goals.profilerVerdict(Goals.cost(idle, slow), Goals.pairedNoise(idle, slow), 8)).isEqualTo(Goal.Verdict.NOT_MET);
        // Not interleaved: the totals' ratio, and no noise estimate.
        assertThat(Goals.cost(RESULTS.get(1), RESULTS.get(2))).isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Goals.pairedNoise(RESULTS.get(1), RESULTS.get(2))).isNaN();
    }

    @Test
    void quantileInterpolatesBetweenRanks() {
        double[] sorted = {1, 2, 3, 4};
        assertThat(Goals.quantile(sorted, 0.5)).isEqualTo(2.5);
        assertThat(Goals.quantile(sorted, 0.25)).isEqualTo(1.75);
        assertThat(Goals.quantile(sorted, 1)).isEqualTo(4);
    }

    private static RunResult sliced(String profiler, double... rounds) {
        return new RunResult("h2 /optimized " + profiler, "optimized", "h2", "local", profiler, 4, 10, 0, null, 1, 100, 1, 1,
                1, 1, 1, 3, 3, 3, 0, 0, 100, 0, java.util.Arrays.stream(rounds).boxed().toList());
    }

    @Test
    void violationsAreListedUnderAFailedCheck() {
        String markdown = ReportWriter.markdown(INFO, RESULTS, Goals.judge(RESULTS),
                List.of("h2 /optimized: up to 4 queries per request, pinned at most 3"));
        assertThat(markdown).contains("**FAILED**:\n\n- h2 /optimized: up to 4 queries per request, pinned at most 3\n")
                .doesNotContain("Passed:");
    }

    @Test
    void svgEscapesLabels() {
        String svg = new SvgBarChart("a < b & c", "ms", List.of("<run>")).series("p50", "#000", new double[] {1.5}).render();
        assertThat(svg).contains("a &lt; b &amp; c").contains("&lt;run&gt;").doesNotContain("<run>");
    }
}
