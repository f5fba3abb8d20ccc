package dev.ludicrous.benchmarks.profiling;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The profiling filter's cost end to end, measured paired and interleaved: one JVM, one Jetty, one
 * servlet doing a fixed amount of mixed CPU work (calibrated to about {@code --work-ms} of CPU),
 * and every mode of {@link FilterMode} mounted side by side under its own path ({@code /off/work}
 * has no filter, {@code /noop/work} a no-op filter, {@code /idle/work} the profiling filter that
 * samples nothing, and so on). Each round measures every mode for one short slice, and {@code off}
 * twice, in a new random order; the cost of a mode is the mean over rounds of its throughput (and
 * CPU per request) relative to the two {@code off} slices of the same round, with a 95 %
 * confidence interval, and the second {@code off} slice against the first shows what the method
 * resolves. Load that comes and
 * goes, the JIT's state and the order of modes fall on both sides of each pair alike, which is
 * what separate JMH forks run one after another could not give.
 *
 * <p>Run (about 5.5 minutes with the defaults):
 * {@code java -cp examples/benchmarks/target/benchmarks.jar dev.ludicrous.benchmarks.profiling.PairedFilterCost}
 * and the same with {@code /usr/lib/jvm/temurin-25-jdk-amd64/bin/java}. Options:
 * {@code --rounds 40 --slice-ms 1000 --clients 2 --work-ms 5 --units N --warmup-s 20
 * --modes off,noop,idle,sample,slow,trigger --seed 1 --csv FILE}.
 */
public final class PairedFilterCost {
    private PairedFilterCost() {
    }

    /** The options, with their defaults. */
    record Options(int rounds, int sliceMillis, int clients, double workMillis, int units, int warmupSeconds,
            List<FilterMode> modes, long seed, Path csv) {
        static Options parse(String[] args) {
            int rounds = 40;
            int slice = 1000;
            int clients = 2;
            double work = 5;
            int units = 0;
            int warmup = 20;
            List<FilterMode> modes = List.of(FilterMode.values());
            long seed = 1;
            Path csv = null;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--rounds" -> rounds = atLeast(name, value, 2);
                    case "--slice-ms" -> slice = atLeast(name, value, 50);
                    case "--clients" -> clients = atLeast(name, value, 1);
                    case "--work-ms" -> work = Double.parseDouble(value);
                    case "--units" -> units = atLeast(name, value, 1);
                    case "--warmup-s" -> warmup = atLeast(name, value, 0);
                    case "--modes" -> modes = java.util.Arrays.stream(value.split(",")).map(FilterMode::parse).distinct().toList();
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--csv" -> csv = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (!modes.contains(FilterMode.OFF)) {
                throw new IllegalArgumentException("--modes must include off, the baseline, but was " + modes);
            }
            return new Options(rounds, slice, clients, work, units, warmup, modes, seed, csv);
        }

        private static int atLeast(String name, String value, int min) {
            int n = Integer.parseInt(value);
            if (n < min) {
                throw new IllegalArgumentException(name + " must be at least " + min + ", but was " + n);
            }
            return n;
        }
    }

    /**
     * Runs the measurement and prints the report.
     *
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        run(Options.parse(args));
    }

    /** Runs the rounds, prints the report and returns every slice measured, by mode, in round order. */
    static Map<FilterMode, List<SliceDriver.Slice>> run(Options options) throws Exception {
        String loadBefore = loadAverage();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int units = options.units() > 0 ? options.units() : calibrate(options.workMillis());
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new MixedWorkServlet(units)), "/*");
        for (FilterMode mode : options.modes()) {
            Filter filter = mode.filter();
            if (filter != null) {
                context.addFilter(new FilterHolder(filter), "/" + mode.label() + "/*", EnumSet.of(DispatcherType.REQUEST));
            }
        }
        server.setHandler(context);
        server.start();
        Map<FilterMode, byte[]> requests = new EnumMap<>(FilterMode.class);
        for (FilterMode mode : options.modes()) {
            requests.put(mode, KeepAliveClient.request("/" + mode.label() + "/work",
                    mode.sendsTrigger() ? dev.ludicrous.profiling.web.ProfilingFilter.DEFAULT_TRIGGER_HEADER : null,
                    FilterMode.SECRET));
        }
        System.out.printf(Locale.ROOT, "paired filter cost: %s, %d cores, %d units of work, %d clients, %d rounds of %d ms"
                + " per mode, modes %s, load average %s%n", jvm(), Runtime.getRuntime().availableProcessors(), units,
                options.clients(), options.rounds(), options.sliceMillis(), labels(options.modes()), loadBefore);
        Map<FilterMode, List<SliceDriver.Slice>> measured = new EnumMap<>(FilterMode.class);
        List<SliceDriver.Slice> offAgain = new ArrayList<>();
        List<String> csv = new ArrayList<>();
        csv.add("round,position,mode,requests,seconds,throughput,server_cpu_us_per_request,server_alloc_kb_per_request,"
                + "request_threads_cpu_us_per_request,sampler_cpu_us_per_request");
        try (SliceDriver driver = new SliceDriver("127.0.0.1", connector.getLocalPort(), options.clients())) {
            // Warm-up: every mode in turn, so that the JIT compiles the paths all of them share.
            long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
            while (System.nanoTime() < warmupEnd) {
                for (FilterMode mode : options.modes()) {
                    driver.run(requests.get(mode), TimeUnit.MILLISECONDS.toNanos(250));
                }
            }
            Random random = new Random(options.seed());
            // off runs twice a round: the baseline is both slices together, so that one lucky or
            // unlucky off slice does not move every mode of its round at once, and the second
            // against the first is an A/A comparison that shows the method's own resolution.
            List<FilterMode> order = new ArrayList<>(options.modes());
            order.add(FilterMode.OFF);
            long sliceNanos = TimeUnit.MILLISECONDS.toNanos(options.sliceMillis());
            for (int round = 0; round < options.rounds(); round++) {
                Collections.shuffle(order, random);
                boolean offSeen = false;
                for (int position = 0; position < order.size(); position++) {
                    FilterMode mode = order.get(position);
                    SliceDriver.Slice slice = driver.run(requests.get(mode), sliceNanos);
                    boolean again = mode == FilterMode.OFF && offSeen;
                    offSeen |= mode == FilterMode.OFF;
                    if (again) {
                        offAgain.add(slice);
                    } else {
                        measured.computeIfAbsent(mode, m -> new ArrayList<>()).add(slice);
                    }
                    csv.add(String.format(Locale.ROOT, "%d,%d,%s,%d,%.4f,%.2f,%.2f,%.3f,%.2f,%.2f", round, position,
                            again ? "off2" : mode.label(), slice.requests(), slice.seconds(), slice.throughput(), slice.cpuMicrosPerRequest(),
                            slice.allocatedKbPerRequest(), slice.requestThreadMicrosPerRequest(),
                            slice.samplerMicrosPerRequest()));
                }
                if ((round + 1) % 10 == 0) {
                    System.out.printf(Locale.ROOT, "  %d/%d rounds, load average %s%n", round + 1, options.rounds(),
                            loadAverage());
                }
            }
        } finally {
            server.stop();
        }
        if (options.csv() != null) {
            Files.write(options.csv(), csv, StandardCharsets.UTF_8);
        }
        System.out.println();
        System.out.print(PairedReport.format(measured, offAgain, options.modes()));
        System.out.printf(Locale.ROOT, "%nstarted %s, %s, load average before %s, after %s%n", startedAt, jvm(), loadBefore,
                loadAverage());
        return measured;
    }

    /** Units of work per request so that one request is about {@code millis} of this thread's CPU. */
    private static int calibrate(double millis) {
        java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warm = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (System.nanoTime() < warm) {
            sink += MixedWorkServlet.work(1).length();
        }
        int calls = 300;
        long cpu = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            sink += MixedWorkServlet.work(1).length();
        }
        double unitMillis = (mx.getCurrentThreadCpuTime() - cpu) / 1e6 / calls;
        int units = (int) Math.max(1, Math.round(millis / unitMillis));
        System.out.printf(Locale.ROOT, "calibration: one unit of work is %.3f ms of CPU here; %d units for %.1f ms (%d)%n",
                unitMillis, units, millis, sink % 10);
        return units;
    }

    private static String labels(List<FilterMode> modes) {
        return String.join(",", modes.stream().map(FilterMode::label).toList());
    }

    private static String jvm() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
