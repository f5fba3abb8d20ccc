package dev.ludicrous.benchmarks.profiling;

/**
 * The mean of per-round differences between a variant and its baseline, with a 95 % confidence
 * interval (Student's t), from rounds in which both were measured back to back. Pairing by round
 * cancels what the rounds share (the machine's load at the time, the JIT's state, the heap): only
 * what differs inside a round is left as noise.
 *
 * <p>{@link #relative} works on the logarithm of each round's ratio and turns the mean and the
 * interval back into fractions: on a loaded machine one slow baseline slice makes a ratio of 3,
 * one slow variant slice a ratio of 1/3, and only on the log scale do the two weigh the same (a
 * plain mean of ratios leans towards "variant faster").
 *
 * @param mean the mean difference: a fraction for {@link #relative} (-0.01 is 1 % less)
 * @param low the lower end of the 95 % interval, in the same unit
 * @param high the upper end of the 95 % interval, in the same unit
 * @param rounds how many pairs
 */
record PairedDifference(double mean, double low, double high, int rounds) {
    /**
     * Pairs {@code variant[i]} with {@code baseline[i]}: the geometric mean of
     * {@code variant[i] / baseline[i]}, minus 1.
     *
     * @throws IllegalArgumentException when the arrays differ in length, have fewer than 2
     *     rounds, or a value is not positive
     */
    static PairedDifference relative(double[] variant, double[] baseline) {
        check(variant, baseline);
        double[] d = new double[variant.length];
        for (int i = 0; i < d.length; i++) {
            if (!(baseline[i] > 0) || !(variant[i] > 0)) {
                throw new IllegalArgumentException("values must be positive, but round " + i + " was " + variant[i]
                        + " against " + baseline[i]);
            }
            d[i] = Math.log(variant[i] / baseline[i]);
        }
        double[] t = meanAndHalfWidth(d);
        return new PairedDifference(Math.expm1(t[0]), Math.expm1(t[0] - t[1]), Math.expm1(t[0] + t[1]), d.length);
    }

    /** Pairs {@code variant[i]} with {@code baseline[i]}: the mean of {@code variant[i] - baseline[i]}. */
    static PairedDifference absolute(double[] variant, double[] baseline) {
        check(variant, baseline);
        double[] d = new double[variant.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = variant[i] - baseline[i];
        }
        double[] t = meanAndHalfWidth(d);
        return new PairedDifference(t[0], t[0] - t[1], t[0] + t[1], d.length);
    }

    private static void check(double[] variant, double[] baseline) {
        if (variant.length != baseline.length || variant.length < 2) {
            throw new IllegalArgumentException("need at least 2 paired rounds, but had " + variant.length + " and "
                    + baseline.length);
        }
    }

    private static double[] meanAndHalfWidth(double[] d) {
        int n = d.length;
        double sum = 0;
        for (double x : d) {
            sum += x;
        }
        double mean = sum / n;
        double squares = 0;
        for (double x : d) {
            squares += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        return new double[] {mean, tQuantile975(n - 1) * sd / Math.sqrt(n)};
    }

    /**
     * The 97.5 % quantile of Student's t with {@code df} degrees of freedom: exact table values up
     * to 10, then the Cornish-Fisher expansion around the normal quantile (within 0.003 of the
     * table from 10 on).
     */
    static double tQuantile975(int df) {
        double[] table = {Double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, but was " + df);
        }
        if (df < table.length) {
            return table[df];
        }
        double z = 1.959964;
        double z3 = z * z * z;
        double z5 = z3 * z * z;
        return z + (z3 + z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96.0 * df * df);
    }
}
