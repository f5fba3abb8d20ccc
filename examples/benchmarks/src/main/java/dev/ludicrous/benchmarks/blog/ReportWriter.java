package dev.ludicrous.benchmarks.blog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a run's outputs into one directory: {@code report.md} (table, ratios, goals, the
 * pinned-count check), {@code results.json} (every figure), {@code latency.svg} and
 * {@code throughput.svg}.
 */
final class ReportWriter {
    static final String REPORT = "report.md";
    static final String JSON = "results.json";
    static final String LATENCY = "latency.svg";
    static final String THROUGHPUT = "throughput.svg";

    private ReportWriter() {
    }

    /** Writes the four files and returns the Markdown report. */
    static String write(Path dir, RunInfo info, List<RunResult> results, List<Goal> goals, List<String> violations)
            throws IOException {
        Files.createDirectories(dir);
        String markdown = markdown(info, results, goals, violations);
        Files.writeString(dir.resolve(REPORT), markdown, StandardCharsets.UTF_8);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("run", info);
        json.put("results", results);
        json.put("goals", goals.stream().map(g -> Map.of("goal", g.goal(), "measured", g.measured(),
                "verdict", g.verdict().name())).toList());
        json.put("violations", violations);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON).toFile(), json);
        List<String> rows = results.stream().map(RunResult::name).toList();
        Files.writeString(dir.resolve(LATENCY), new SvgBarChart("Blog latency per request (" + info.clients()
                + " closed-loop clients)", "milliseconds", rows)
                .series("p50", "#4e79a7", results.stream().mapToDouble(RunResult::p50Ms).toArray())
                .series("p90", "#f28e2b", results.stream().mapToDouble(RunResult::p90Ms).toArray())
                .series("p99", "#e15759", results.stream().mapToDouble(RunResult::p99Ms).toArray())
                .render(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(THROUGHPUT), new SvgBarChart("Blog throughput (" + info.clients()
                + " closed-loop clients; more is better)", "requests per second", rows)
                .series("requests/s", "#59a14f", results.stream().mapToDouble(RunResult::requestsPerSecond).toArray())
                .render(), StandardCharsets.UTF_8);
        return markdown;
    }

    static String markdown(RunInfo info, List<RunResult> results, List<Goal> goals, List<String> violations) {
        StringBuilder md = new StringBuilder(8192);
        md.append("# Blog load benchmark\n\n");
        md.append(String.format(Locale.ROOT, "%s run, started %s, %.0f s in all. `%s`%n%n", info.size(), info.startedAt(),
                info.totalSeconds(), info.command()));
        md.append(String.format(Locale.ROOT, "- Machine: %s; %s%n", info.machine(), info.jdk()));
        md.append(String.format(Locale.ROOT, "- Load average (1, 5, 15 min) before: %s; after: %s%n", info.loadAverageBefore(),
                info.loadAverageAfter()));
        md.append(String.format(Locale.ROOT, "- Each run: %d closed-loop clients (JDK HttpClient, HTTP/1.1), %.0f s warm-up, then"
                + " %.0f s or %,d requests, whichever ends first%n", info.clients(), info.warmupSeconds(), info.measureSeconds(),
                info.maxRequestsPerRun()));
        md.append("- Data set: ").append(info.dataSet()).append('\n');
        md.append("- The clients run in the same JVM, on the same cores, as the blog: on a small machine the fastest pages"
                + " are capped by the cost of HTTP on both sides, which narrows their ratio to the naive page.\n\n");

        md.append("## Check\n\n");
        if (violations.isEmpty()) {
            md.append("Passed: every pinned query count held and no request failed.\n\n");
        } else {
            md.append("**FAILED**:\n\n");
            violations.forEach(v -> md.append("- ").append(v).append('\n'));
            md.append('\n');
        }

        md.append("## Results\n\n");
        md.append("| run | database | cache tier | profiler | req/s | p50 ms | p90 ms | p99 ms | max ms | queries/req | bytes/resp | profiled | requests | errors |\n");
        md.append("|---|---|---|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|\n");
        for (RunResult r : results) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %,.0f | %d | %d | %d |%n",
                    r.name(), r.database(), r.cacheTier(), r.profiler(), SvgBarChart.number(r.requestsPerSecond()),
                    SvgBarChart.number(r.p50Ms()), SvgBarChart.number(r.p90Ms()), SvgBarChart.number(r.p99Ms()),
                    SvgBarChart.number(r.maxMs()), queries(r), r.bytesMean(), r.profiled(), r.requests(), r.errors()));
        }
        md.append("\nProfiler: *idle* = the blog's profiling filter installed with its slow threshold out of reach, so it"
                + " never samples (the blog cannot remove it); *sample* = a blog with the filter's sample mode on"
                + " (`profiler.sample-fraction`): that share of requests, at random, is sampled and stored; *slow* = the filter's slow mode at that threshold."
                + " *profiled* counts responses that linked a stored profile. Queries per request come from the query"
                + " inspector's `Server-Timing: db` entry.\n");
        md.append("\n![latency percentiles per run](").append(LATENCY).append(")\n\n");
        md.append("![throughput per run](").append(THROUGHPUT).append(")\n\n");

        md.append("## Ratios\n\n");
        md.append("| comparison | throughput | p50 latency |\n|---|---:|---:|\n");
        for (String db : List.of("postgresql", "h2")) {
            Optional<RunResult> naive = Goals.find(results, db, "naive");
            for (String mode : List.of("optimized", "cached")) {
                Optional<RunResult> fast = Goals.find(results, db, mode);
                if (naive.isPresent() && fast.isPresent()) {
                    md.append(String.format(Locale.ROOT, "| %s vs naive (%s) | %.1fx | %.1fx lower |%n", mode, db,
                            fast.get().requestsPerSecond() / naive.get().requestsPerSecond(),
                            naive.get().p50Ms() / fast.get().p50Ms()));
                }
            }
        }
        Optional<RunResult> idle = Goals.find(results, "h2", "optimized");
        for (RunResult r : results) {
            if (idle.isPresent() && r.mode().equals("optimized") && !r.profiler().equals(Goals.PROFILER_IDLE)) {
                md.append(String.format(Locale.ROOT, "| profiler %s vs idle (h2, optimized) | %s | %.2fx |%n", r.profiler(),
                        Goals.percent(Goals.cost(idle.get(), r)), r.p50Ms() / idle.get().p50Ms()));
            }
        }
        md.append('\n');

        md.append("## Goals (from the issue)\n\n| goal | measured | verdict |\n|---|---|---|\n");
        for (Goal g : goals) {
            String verdict = g.verdict() == Goal.Verdict.NOT_MET ? "**NOT met**" : g.verdict().toString();
            md.append("| ").append(g.goal()).append(" | ").append(g.measured()).append(" | ").append(verdict).append(" |\n");
        }
        md.append("\nTimings are reported, never asserted: only the query counts and errors above fail the run. The profiler"
                + " variants of /optimized run in alternating slices (shuffled each round, each after a short unmeasured lead-in) and are compared round by"
                + " round: the profiler's cost is one minus the median of the per-round throughput ratios, which cancels a"
                + " change in the machine's load between rounds; a goal is \"not resolved\" when those ratios wander (half"
                + " their interquartile range) by more than the goal.\n");
        return md.toString();
    }

    private static String queries(RunResult r) {
        if (r.requests() == r.errors()) {
            return "-";
        }
        if (r.queriesUnknown() > 0) {
            return "unknown (" + r.queriesUnknown() + ")";
        }
        if (r.queriesMin() == r.queriesMax()) {
            return Integer.toString(r.queriesMin());
        }
        return String.format(Locale.ROOT, "%d–%d (mean %.2f)", r.queriesMin(), r.queriesMax(), r.queriesMean());
    }
}
