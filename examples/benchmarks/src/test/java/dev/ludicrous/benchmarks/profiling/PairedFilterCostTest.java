package dev.ludicrous.benchmarks.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny run of the paired benchmark through real HTTP: every mode served, measured and written. */
class PairedFilterCostTest {
    @TempDir
    Path dir;

    @Test
    void everyModeIsMeasuredInEveryRoundOnOneServer() throws Exception {
        Path csv = dir.resolve("rounds.csv");
        PairedFilterCost.Options options = PairedFilterCost.Options.parse(new String[] {"--rounds", "3", "--slice-ms", "100",
            "--warmup-s", "0", "--units", "1", "--csv", csv.toString()});

        Map<FilterMode, List<SliceDriver.Slice>> measured = PairedFilterCost.run(options);

        assertThat(measured).containsOnlyKeys(FilterMode.values());
        measured.forEach((mode, slices) -> {
            assertThat(slices).as(mode.label()).hasSize(3);
            assertThat(slices).as(mode.label()).allSatisfy(slice -> {
                assertThat(slice.requests()).isPositive();
                assertThat(slice.allocatedKbPerRequest()).isPositive();
            });
        });
        // Header plus one line per mode and round, off twice.
        assertThat(Files.readAllLines(csv)).hasSize(1 + 3 * (FilterMode.values().length + 1));
    }

    @Test
    void optionsNeedTheBaseline() {
        assertThatThrownBy(() -> PairedFilterCost.Options.parse(new String[] {"--modes", "idle,slow"}))
                .hasMessage("--modes must include off, the baseline, but was [IDLE, SLOW]");
        assertThatThrownBy(() -> PairedFilterCost.Options.parse(new String[] {"--modes", "fast"}))
                .hasMessage("mode must be one of off, noop, idle, sample, slow, trigger, but was fast");
    }
}
