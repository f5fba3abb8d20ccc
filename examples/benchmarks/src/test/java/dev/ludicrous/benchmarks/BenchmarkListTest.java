package dev.ludicrous.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The list JMH's annotation processor writes at compile time is what the benchmark jar runs from:
 * a build whose compiler skipped the processor runs nothing ("Unable to find the resource").
 */
class BenchmarkListTest {
    @Test
    void theCompiledListNamesTheBenchmarksOfEveryModule() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList on the class path").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(list).contains("dev.ludicrous.benchmarks.cache.RemoteBenchmark",
                "dev.ludicrous.benchmarks.cache.LocalHitBenchmark",
                "dev.ludicrous.benchmarks.profiling.FilterThroughputBenchmark",
                "dev.ludicrous.benchmarks.query.StatementOverheadBenchmark");
    }
}
