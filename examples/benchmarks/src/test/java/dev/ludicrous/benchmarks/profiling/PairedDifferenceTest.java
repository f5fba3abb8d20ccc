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
        assertThat(d.halfWidth()).isCloseTo(0, within(1e-12));
        assertThat(d.rounds()).isEqualTo(5);
    }

    @Test
    void intervalIsStudentsTOnTheSpreadOfThePairs() {
        double[] baseline = {100, 100, 100, 100};
        double[] variant = {99, 101, 98, 102}; // differences -1, +1, -2, +2 %: mean 0, sd sqrt(10/3) %

        PairedDifference d = PairedDifference.relative(variant, baseline);

        assertThat(d.mean()).isCloseTo(0, within(1e-12));
        assertThat(d.halfWidth()).isCloseTo(3.182 * Math.sqrt(10.0 / 3) / 2 / 100, within(1e-9));
        assertThat(d.low()).isNegative();
        assertThat(d.high()).isPositive();
    }

    @Test
    void absoluteDifferencesKeepTheirUnit() {
        PairedDifference d = PairedDifference.absolute(new double[] {5_010, 5_030}, new double[] {5_000, 5_000});

        assertThat(d.mean()).isCloseTo(20, within(1e-9));
        assertThat(d.halfWidth()).isCloseTo(12.706 * Math.sqrt(200) / Math.sqrt(2), within(1e-9));
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
                .hasMessage("baseline must be positive, but round 1 was 0.0");
    }
}
