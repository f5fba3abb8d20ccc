package dev.ludicrous.benchmarks.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedDifferenceTest {
    @Test
    void aDriftSharedByBothSidesOfEveryPairCancels() {
        // The machine slows down round after round; the variant is always exactly 2 % slower.
        double[] baseline = {1000, 900, 800, 700, 600};
        double[] variant = new double[baseline.length];
        for (int i = 0; i < baseline.length; i++) {
            variant[i] = baseline[i] * 0.98;
        }

        PairedDifference d = PairedDifference.relative(variant, baseline);

        assertThat(d.mean()).isCloseTo(-0.02, within(1e-12));
        assertThat(d.low()).isCloseTo(-0.02, within(1e-12));
        assertThat(d.high()).isCloseTo(-0.02, within(1e-12));
        assertThat(d.rounds()).isEqualTo(5);
    }

    @Test
    void aSlowBaselineSliceAndASlowVariantSliceCancelOnTheLogScale() {
        // A plain mean of the ratios 3 and 1/3 would say the variant is 67 % faster.
        PairedDifference d = PairedDifference.relative(new double[] {300, 100}, new double[] {100, 300});

        assertThat(d.mean()).isCloseTo(0, within(1e-12));
        assertThat(d.low()).isNegative();
        assertThat(d.high()).isPositive();
    }

    @Test
    void intervalIsStudentsTOnTheSpreadOfThePairs() {
        double[] baseline = {100, 100, 100, 100};
        double[] variant = {99, 101, 98, 102};
        double[] logs = {Math.log(0.99), Math.log(1.01), Math.log(0.98), Math.log(1.02)};
        double mean = (logs[0] + logs[1] + logs[2] + logs[3]) / 4;
        double squares = 0;
        for (double x : logs) {
            squares += (x - mean) * (x - mean);
        }
        double halfWidth = 3.182 * Math.sqrt(squares / 3) / 2;

        PairedDifference d = PairedDifference.relative(variant, baseline);

        assertThat(d.mean()).isCloseTo(Math.expm1(mean), within(1e-12));
        assertThat(d.low()).isCloseTo(Math.expm1(mean - halfWidth), within(1e-12));
        assertThat(d.high()).isCloseTo(Math.expm1(mean + halfWidth), within(1e-12));
    }

    @Test
    void absoluteDifferencesKeepTheirUnit() {
        PairedDifference d = PairedDifference.absolute(new double[] {5_010, 5_030}, new double[] {5_000, 5_000});

        assertThat(d.mean()).isCloseTo(20, within(1e-9));
        double halfWidth = 12.706 * Math.sqrt(200) / Math.sqrt(2);
        assertThat(d.low()).isCloseTo(20 - halfWidth, within(1e-9));
        assertThat(d.high()).isCloseTo(20 + halfWidth, within(1e-9));
    }

    @Test
    void tQuantileMatchesTheTableBeyondItsExactPart() {
        assertThat(PairedDifference.tQuantile975(1)).isEqualTo(12.706);
        assertThat(PairedDifference.tQuantile975(20)).isCloseTo(2.086, within(0.002));
        assertThat(PairedDifference.tQuantile975(39)).isCloseTo(2.023, within(0.002));
        assertThat(PairedDifference.tQuantile975(1_000_000)).isCloseTo(1.960, within(0.001));
    }

    @Test
    void unpairedOrTooFewRoundsAreRefused() {
        assertThatThrownBy(() -> PairedDifference.relative(new double[] {1}, new double[] {1}))
                .hasMessage("need at least 2 paired rounds, but had 1 and 1");
        assertThatThrownBy(() -> PairedDifference.relative(new double[] {1, 2}, new double[] {1, 2, 3}))
                .hasMessage("need at least 2 paired rounds, but had 2 and 3");
        assertThatThrownBy(() -> PairedDifference.relative(new double[] {1, 2}, new double[] {1, 0}))
                .hasMessage("values must be positive, but round 1 was 2.0 against 0.0");
    }
}
