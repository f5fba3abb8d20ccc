package dev.ludicrous.benchmarks.profiling;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The tables {@link PairedFilterCost} prints: per mode, its means and its paired differences to
 * the round's two {@code off} slices (geometric mean over rounds, 95 % interval in brackets) for
 * throughput, the server's CPU time per request, and the part of it spent on the threads serving
 * requests; on the {@code off} line, the second off slice against the first (an A/A test: what
 * the method resolves); then the CPU per request split by whom.
 */
final class PairedReport {
    private PairedReport() {
    }

    static String format(Map<FilterMode, List<SliceDriver.Slice>> measured, List<SliceDriver.Slice> offAgain,
            List<FilterMode> modes) {
        List<SliceDriver.Slice> off = measured.get(FilterMode.OFF);
        StringBuilder out = new StringBuilder("Against the two off slices of each round; on the off line, its second slice"
                + " against the first (an A/A test: what this run resolves).\n");
        out.append(String.format(Locale.ROOT, "| %-8s | %7s | %-24s | %9s | %-24s | %-24s | %10s |%n", "mode", "req/s",
                "throughput vs off", "CPU/req", "server CPU/req vs off", "request-thread CPU vs off", "alloc/req"));
        out.append("|----------|---------|--------------------------|-----------|--------------------------|"
                + "---------------------------|------------|\n");
        for (FilterMode mode : modes) {
            List<SliceDriver.Slice> slices = measured.get(mode);
            String throughput = "";
            String cpu = "";
            String requestCpu = "";
            if (mode == FilterMode.OFF) {
                // A/A: the second off slice of each round against the first.
                throughput = percent(values(offAgain, SliceDriver.Slice::throughput), values(off, SliceDriver.Slice::throughput));
                cpu = percent(values(offAgain, SliceDriver.Slice::cpuMicrosPerRequest),
                        values(off, SliceDriver.Slice::cpuMicrosPerRequest));
                requestCpu = percent(values(offAgain, SliceDriver.Slice::requestThreadMicrosPerRequest),
                        values(off, SliceDriver.Slice::requestThreadMicrosPerRequest));
            } else {
                throughput = percent(values(slices, SliceDriver.Slice::throughput),
                        baseline(off, offAgain, SliceDriver.Slice::throughput));
                cpu = percent(values(slices, SliceDriver.Slice::cpuMicrosPerRequest),
                        baseline(off, offAgain, SliceDriver.Slice::cpuMicrosPerRequest));
                requestCpu = percent(values(slices, SliceDriver.Slice::requestThreadMicrosPerRequest),
                        baseline(off, offAgain, SliceDriver.Slice::requestThreadMicrosPerRequest));
            }
            out.append(String.format(Locale.ROOT, "| %-8s | %7.1f | %-24s | %6.0f µs | %-24s | %-25s | %7.1f KB |%n",
                    mode.label(), mean(slices, SliceDriver.Slice::throughput), throughput,
                    mean(slices, SliceDriver.Slice::cpuMicrosPerRequest), cpu, requestCpu,
                    mean(slices, SliceDriver.Slice::allocatedKbPerRequest)));
        }
        out.append(String.format(Locale.ROOT, "%nServer CPU per request by whom, mean (µs):%n| %-8s | %15s | %15s | %22s |%n",
                "mode", "request threads", "sampler thread", "JVM (GC, JIT, VM ops)"));
        out.append("|----------|-----------------|-----------------|------------------------|\n");
        for (FilterMode mode : modes) {
            List<SliceDriver.Slice> slices = measured.get(mode);
            out.append(String.format(Locale.ROOT, "| %-8s | %15.1f | %15.1f | %22.1f |%n", mode.label(),
                    mean(slices, SliceDriver.Slice::requestThreadMicrosPerRequest),
                    mean(slices, SliceDriver.Slice::samplerMicrosPerRequest),
                    mean(slices, SliceDriver.Slice::jvmMicrosPerRequest)));
        }
        return out.toString();
    }

    /** Per round, the geometric mean of the round's two off slices. */
    private static double[] baseline(List<SliceDriver.Slice> off, List<SliceDriver.Slice> offAgain,
            ToDoubleFunction<SliceDriver.Slice> value) {
        double[] first = values(off, value);
        double[] second = values(offAgain, value);
        double[] both = new double[first.length];
        for (int i = 0; i < both.length; i++) {
            both[i] = Math.sqrt(first[i] * second[i]);
        }
        return both;
    }

    private static String percent(double[] variant, double[] baseline) {
        PairedDifference d = PairedDifference.relative(variant, baseline);
        return String.format(Locale.ROOT, "%+.2f %% [%+.2f, %+.2f]", 100 * d.mean(), 100 * d.low(), 100 * d.high());
    }

    private static double[] values(List<SliceDriver.Slice> slices, ToDoubleFunction<SliceDriver.Slice> value) {
        return slices.stream().mapToDouble(value).toArray();
    }

    private static double mean(List<SliceDriver.Slice> slices, ToDoubleFunction<SliceDriver.Slice> value) {
        return slices.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}
