package dev.ludicrous.benchmarks.profiling;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The tables {@link PairedFilterCost} prints: per mode, its means and its paired differences to
 * {@code off} (geometric mean over rounds, 95 % interval in brackets) for throughput, the server's
 * CPU time per request, and the part of it spent on the threads serving requests; then the CPU per
 * request split by whom.
 */
final class PairedReport {
    private PairedReport() {
    }

    static String format(Map<FilterMode, List<SliceDriver.Slice>> measured, List<FilterMode> modes) {
        List<SliceDriver.Slice> off = measured.get(FilterMode.OFF);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-8s | %7s | %-24s | %9s | %-24s | %-24s | %10s |%n", "mode", "req/s",
                "throughput vs off", "CPU/req", "server CPU/req vs off", "request-thread CPU vs off", "alloc/req"));
        out.append("|----------|---------|--------------------------|-----------|--------------------------|"
                + "---------------------------|------------|\n");
        for (FilterMode mode : modes) {
            List<SliceDriver.Slice> slices = measured.get(mode);
            String throughput = "";
            String cpu = "";
            String requestCpu = "";
            if (mode != FilterMode.OFF) {
                throughput = percent(slices, off, SliceDriver.Slice::throughput);
                cpu = percent(slices, off, SliceDriver.Slice::cpuMicrosPerRequest);
                requestCpu = percent(slices, off, SliceDriver.Slice::requestThreadMicrosPerRequest);
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

    private static String percent(List<SliceDriver.Slice> variant, List<SliceDriver.Slice> off,
            ToDoubleFunction<SliceDriver.Slice> value) {
        PairedDifference d = PairedDifference.relative(values(variant, value), values(off, value));
        return String.format(Locale.ROOT, "%+.2f %% [%+.2f, %+.2f]", 100 * d.mean(), 100 * d.low(), 100 * d.high());
    }

    private static double[] values(List<SliceDriver.Slice> slices, ToDoubleFunction<SliceDriver.Slice> value) {
        return slices.stream().mapToDouble(value).toArray();
    }

    private static double mean(List<SliceDriver.Slice> slices, ToDoubleFunction<SliceDriver.Slice> value) {
        return slices.stream().mapToDouble(value).average().orElse(Double.NaN);
    }
}
