package dev.ludicrous.benchmarks.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatenciesTest {
    @Test
    void percentilesOfOneToHundredAreTheNearestRank() {
        long[] samples = LongStream.rangeClosed(1, 100).map(i -> 101 - i).toArray(); // unsorted on purpose
        Latencies l = Latencies.of(samples);
        assertThat(l.p50Nanos()).isEqualTo(50);
        assertThat(l.p90Nanos()).isEqualTo(90);
        assertThat(l.p99Nanos()).isEqualTo(99);
        assertThat(l.maxNanos()).isEqualTo(100);
        assertThat(l.meanNanos()).isEqualTo(50); // 50.5 truncated
    }

    @Test
    void percentileIsAlwaysOneOfTheSamplesNeverInterpolated() {
        long[] sorted = {10, 20, 30, 1000};
        assertThat(Latencies.percentile(sorted, 50)).isEqualTo(20);
        assertThat(Latencies.percentile(sorted, 75)).isEqualTo(30);
        assertThat(Latencies.percentile(sorted, 76)).isEqualTo(1000);
        assertThat(Latencies.percentile(sorted, 99)).isEqualTo(1000);
        assertThat(Latencies.percentile(sorted, 100)).isEqualTo(1000);
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Latencies l = Latencies.of(new long[] {7});
        assertThat(l).isEqualTo(new Latencies(7, 7, 7, 7, 7));
    }

    @Test
    void noSamplesGiveZeros() {
        assertThat(Latencies.of(new long[0])).isEqualTo(Latencies.NONE);
    }

    @Test
    void percentileOutsideTheRangeIsRejected() {
        assertThatThrownBy(() -> Latencies.percentile(new long[] {1}, 0))
                .hasMessage("percentile must be in (0, 100], but was 0.0");
        assertThatThrownBy(() -> Latencies.percentile(new long[] {1}, 100.5))
                .hasMessageContaining("but was 100.5");
    }
}
