package dev.ludicrous.benchmarks.blog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole benchmark against a small real blog on H2 in memory, one second per run. */
class BlogLoadBenchmarkTest {
    @TempDir
    Path out;

    @Test
    void aShortRunOnASmallBlogReadsTheRealQueryCountsAndPasses() throws Exception {
        List<String> args = List.of("--quick", "--warmup", "0", "--seconds", "1", "--max-requests", "400",
                "--set", "seed.authors=5", "--set", "seed.posts=60", "--set", "seed.comments=200", "--set", "seed.tags=5",
                "--sample-fraction", "1", "--out", out.toString());
        int status = BlogLoadBenchmark.run(Options.parse(args, Map.of()), String.join(" ", args));

        assertThat(status).isZero();
        assertThat(out.resolve("latency.svg")).exists();
        assertThat(out.resolve("throughput.svg")).exists();
        assertThat(Files.readString(out.resolve("report.md"))).contains("Passed: every pinned query count held");
        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile()).get("results");
        Map<String, JsonNode> byName = new HashMap<>();
        results.forEach(r -> byName.put(r.get("name").asText(), r));
        assertThat(byName).containsKeys("h2 /naive", "h2 /optimized", "h2 /optimized, profiler sampled",
                "h2 /optimized, profiler slow", "h2 /cached", "h2 post page");
        assertThat(byName.get("h2 /naive").get("queriesMin").asInt()).isGreaterThanOrEqualTo(QueryBudget.NAIVE_MIN);
        assertThat(byName.get("h2 /optimized").get("queriesMax").asInt()).isLessThanOrEqualTo(QueryBudget.OPTIMIZED_MAX);
        assertThat(byName.get("h2 /optimized").get("roundRequestsPerSecond")).hasSize(3);
        // The sampled run is the blog's own sample mode (here on every request), not a trigger header.
        JsonNode sampled = byName.get("h2 /optimized, profiler sampled");
        assertThat(sampled.get("profiler").asText()).isEqualTo("sample 100%");
        assertThat(sampled.get("profiled").asLong()).isEqualTo(sampled.get("requests").asLong());
        assertThat(byName.get("h2 /optimized").get("profiled").asLong()).isZero();
        JsonNode cached = byName.get("h2 /cached");
        // No warm-up: the first request renders the page (a miss); the rest are hits.
        long misses = cached.get("requests").asLong() - cached.get("zeroQueryResponses").asLong();
        assertThat(misses).isBetween(1L, QueryBudget.allowedMisses(cached.get("requests").asLong()));
        for (JsonNode r : results) {
            assertThat(r.get("errors").asLong()).as(r.get("name").asText()).isZero();
            assertThat(r.get("requests").asLong()).as(r.get("name").asText()).isPositive();
            assertThat(r.get("queriesUnknown").asLong()).as(r.get("name").asText()).isZero();
            assertThat(r.get("bytesMean").asDouble()).as(r.get("name").asText()).isGreaterThan(1000);
        }
    }
}
