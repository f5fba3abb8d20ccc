package dev.ludicrous.benchmarks.profiling;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The table {@link PairedFilterCost} prints: per mode, its means and its paired differences to {@code off}. */
final class PairedReport {
    private PairedReport() {
    }

    static String format(Map<FilterMode, List<SliceDriver.Slice>> measured, List<FilterMode> modes) {
        double[] offThroughput = values(measured.get(FilterMode.OFF), SliceDriver.Slice::throughput);
        double[] offCpu = values(measured.get(FilterMode.OFF), SliceDriver.Slice::cpuMicrosPerRequest);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "| %-8s | %9s | %-24s | %13s | %-26s | %11s |%n", "mode", "req/s",
                "throughput vs off (95 %)", "server CPU/req", "CPU/req vs off (95 %)", "alloc/req"));
        out.append("|----------|-----------|--------------------------|---------------|----------------------------|-------------|\n");
        for (FilterMode mode : modes) {
            List<SliceDriver.Slice> slices = measured.get(mode);
            double[] throughput = values(slices, SliceDriver.Slice::throughput);
            double[] cpu = values(slices, SliceDriver.Slice::cpuMicrosPerRequest);
            double[] alloc = values(slices, SliceDriver.Slice::allocatedKbPerRequest);
            String vsOff = "";
            String cpuVsOff = "";
            if (mode != FilterMode.OFF) {
                PairedDifference t = PairedDifference.relative(throughput, offThroughput);
                PairedDifference c = PairedDifference.absolute(cpu, offCpu);
                vsOff = String.format(Locale.ROOT, "%+.2f %% [%+.2f, %+.2f]", 100 * t.mean(), 100 * t.low(), 100 * t.high());
                cpuVsOff = String.format(Locale.ROOT, "%+.1f µs [%+.1f, %+.1f]", c.mean(), c.low(), c.high());
            }
            out.append(String.format(Locale.ROOT, "| %-8s | %9.1f | %-24s | %10.1f µs | %-26s | %8.2f KB |%n", mode.label(),
                    mean(throughput), vsOff, mean(cpu), cpuVsOff, mean(alloc)));
        }
        return out.toString();
    }

    private static double[] values(List<SliceDriver.Slice> slices, ToDoubleFunction<SliceDriver.Slice> value) {
        return slices.stream().mapToDouble(value).toArray();
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
