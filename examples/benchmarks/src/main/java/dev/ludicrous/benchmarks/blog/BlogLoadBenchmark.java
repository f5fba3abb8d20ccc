package dev.ludicrous.benchmarks.blog;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The blog load benchmark: starts the example blog in this JVM on a free port (H2; PostgreSQL and
 * Redis when asked), drives each homepage mode and the post page with closed-loop clients, and
 * writes {@code report.md}, {@code results.json} and two SVG plots. It exits with 1 when a page
 * ran more queries than it is pinned to, or when a request failed; timings never fail it.
 *
 * <p>The blog's profiler is always installed (trigger and slow modes). The main runs set its slow
 * threshold out of reach ("idle": the filter runs, nothing is sampled). The profiler comparison
 * on {@code /optimized} uses three more blogs started alike: idle, one with the profiler's sample
 * mode on ({@code profiler.sample-fraction} at {@code --sample-fraction}), and one with the slow
 * threshold at {@code --slow-ms}.
 *
 * <p>See docs/benchmarks.md. Run: {@code java -cp benchmarks.jar dev.ludicrous.benchmarks.blog.BlogLoadBenchmark --quick}
 */
public final class BlogLoadBenchmark {
    private static final String NEVER_SLOW = "600000";

    private BlogLoadBenchmark() {
    }

    /**
     * Runs the benchmark; see {@link Options#USAGE} for the options.
     *
     * @param args the command line
     */
    public static void main(String[] args) throws Exception {
        // Hibernate logs through JBoss Logging, which would pick java.util.logging and print to
        // stderr; slf4j-nop silences it like the rest of the blog's logging.
        System.setProperty("org.jboss.logging.provider", "slf4j");
        Options options;
        try {
            options = Options.parse(List.of(args), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("blog benchmark: " + e.getMessage());
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        int status = run(options, String.join(" ", args));
        System.exit(status);
    }

    static int run(Options options, String arguments) throws IOException {
        long started = System.nanoTime();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String loadBefore = loadAverage();
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        String run = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));
        List<RunResult> results = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        String slowLabel = "slow " + options.slowMillis() + " ms";
        String sampleLabel = String.format(Locale.ROOT, "sample %s%%", SvgBarChart.number(options.sampleFraction() * 100));

        Instance h2 = instance("h2", "h2", "local", Goals.PROFILER_IDLE, options, secret, Map.of(
                "db.url", "jdbc:h2:mem:bench_" + run + ";DB_CLOSE_DELAY=-1",
                "profiler.slow-ms", NEVER_SLOW));
        Instance h2Slow = instance("h2 slow-profiled", "h2", "local", slowLabel, options, secret, Map.of(
                "db.url", "jdbc:h2:mem:bench_slow_" + run + ";DB_CLOSE_DELAY=-1",
                "profiler.slow-ms", Integer.toString(options.slowMillis())));
        // The idle baseline of the profiler comparison is a blog of its own, started and warmed like
        // the sampled and slow ones: against the main blog, which has served /naive before, both
        // came out ~14 % slower although the slow one sampled nothing.
        Instance h2Idle = instance("h2 idle-profiled", "h2", "local", Goals.PROFILER_IDLE, options, secret, Map.of(
                "db.url", "jdbc:h2:mem:bench_idle_" + run + ";DB_CLOSE_DELAY=-1",
                "profiler.slow-ms", NEVER_SLOW));
        Instance h2Sample = instance("h2 sample-profiled", "h2", "local", sampleLabel, options, secret, Map.of(
                "db.url", "jdbc:h2:mem:bench_sample_" + run + ";DB_CLOSE_DELAY=-1",
                "profiler.slow-ms", NEVER_SLOW,
                "profiler.sample-fraction", Double.toString(options.sampleFraction())));
        Instance extra = null;
        if (options.postgres().isPresent()) {
            Map<String, String> pg = new LinkedHashMap<>();
            pg.put("db.url", options.postgres().get());
            pg.put("db.schema", "bench_" + run);
            pg.put("profiler.slow-ms", NEVER_SLOW);
            options.redis().ifPresent(uri -> {
                pg.put("redis.url", uri);
                pg.put("redis.prefix", "bench-" + run + ":");
            });
            extra = instance("pg", "postgresql", options.redis().isPresent() ? "redis" : "local",
                    Goals.PROFILER_IDLE, options, secret, pg);
        } else if (options.redis().isPresent()) {
            extra = instance("h2+redis", "h2", "redis", Goals.PROFILER_IDLE, options, secret, Map.of(
                    "db.url", "jdbc:h2:mem:bench_redis_" + run + ";DB_CLOSE_DELAY=-1",
                    "profiler.slow-ms", NEVER_SLOW,
                    "redis.url", options.redis().get(),
                    "redis.prefix", "bench-" + run + ":"));
        }

        System.out.printf(Locale.ROOT, "blog benchmark: %s, %d clients, %d s warm-up + %d s per run%n",
                options.quick() ? "quick" : "full", options.clients(), options.warmup().toSeconds(), options.measure().toSeconds());
        try (LoadDriver driver = new LoadDriver(options.clients())) {
            Runner runner = new Runner(driver, options, results, violations);
            // The main H2 blog, and beside it three alike but for the profiler (idle, sampled,
            // slow): the three profiler variants of /optimized are measured in alternating slices.
            try (RunningBlog main = runner.start(h2); RunningBlog idle = runner.start(h2Idle);
                    RunningBlog sample = runner.start(h2Sample); RunningBlog slow = runner.start(h2Slow)) {
                runner.measure(main, Scenario.of(Mode.NAIVE, h2));
                runner.interleaved(List.of(
                        new LoadDriver.Variant(idle.url(), new Scenario("h2 /optimized", Mode.OPTIMIZED, h2Idle,
                                Goals.PROFILER_IDLE)),
                        new LoadDriver.Variant(sample.url(), new Scenario("h2 /optimized, profiler sampled", Mode.OPTIMIZED,
                                h2Sample, sampleLabel)),
                        new LoadDriver.Variant(slow.url(), new Scenario("h2 /optimized, profiler slow", Mode.OPTIMIZED, h2Slow,
                                slowLabel))));
                runner.measure(main, Scenario.of(Mode.CACHED, h2));
                runner.measure(main, Scenario.of(Mode.POST, h2));
            } catch (Exception e) {
                runner.failed("h2", e);
            }
            if (extra != null) {
                try (RunningBlog blog = runner.start(extra)) {
                    if (extra.database().equals("postgresql")) {
                        runner.measure(blog, Scenario.of(Mode.NAIVE, extra));
                        runner.measure(blog, Scenario.of(Mode.OPTIMIZED, extra));
                    }
                    runner.measure(blog, Scenario.of(Mode.CACHED, extra));
                    if (extra.database().equals("postgresql")) {
                        runner.measure(blog, Scenario.of(Mode.POST, extra));
                    }
                } catch (Exception e) {
                    runner.failed(extra.name(), e);
                }
            }
        }
        RunInfo info = new RunInfo(startedAt.toString(), options.quick() ? "quick" : "full",
                "BlogLoadBenchmark " + arguments, options.clients(),
                options.warmup().toMillis() / 1000.0, options.measure().toMillis() / 1000.0, options.maxRequests(),
                machine(), System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                loadBefore, loadAverage(), dataSet(options), (System.nanoTime() - started) / 1e9);
        List<Goal> goals = Goals.judge(results);
        String report = ReportWriter.write(options.out(), info, results, goals, violations);
        System.out.println();
        System.out.println(report);
        System.out.println("Written to " + options.out().toAbsolutePath() + " (" + ReportWriter.REPORT + ", " + ReportWriter.JSON
                + ", " + ReportWriter.LATENCY + ", " + ReportWriter.THROUGHPUT + ")");
        return violations.isEmpty() ? 0 : 1;
    }

    private static Instance instance(String name, String database, String cacheTier, String profiler, Options options,
            String secret, Map<String, String> own) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("port", "0");
        // The development profile sends the query inspector's Server-Timing entry: the query counts.
        settings.put("profile", "development");
        settings.put("profiler.secret", secret);
        settings.putAll(options.blogSettings());
        settings.putAll(own);
        return new Instance(name, database, cacheTier, profiler, settings);
    }

    private static Map<String, String> dataSet(Options options) {
        Map<String, String> data = new LinkedHashMap<>();
        options.blogSettings().forEach((k, v) -> {
            if (k.startsWith("seed")) {
                data.put(k, v);
            }
        });
        if (data.isEmpty()) {
            data.put("seed", "the blog's defaults (docs/blog.md)");
        }
        return data;
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException e) {
            // not Linux: the core count and OS below still say enough
        }
        long memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GB RAM, %s %s", Runtime.getRuntime().availableProcessors(), cpu,
                memory / 1e9, System.getProperty("os.name"), System.getProperty("os.arch"));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            double one = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            return one < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", one);
        }
    }


    /** Runs the steps of the plan, prints a line per run, and collects results and violations. */
    private record Runner(LoadDriver driver, Options options, List<RunResult> results,
            List<String> violations) {
        RunningBlog start(Instance instance) throws Exception {
            RunningBlog blog = RunningBlog.start(instance);
            System.out.printf(Locale.ROOT, "  started blog '%s' at %s in %.1f s (seeding included)%n", instance.name(),
                    blog.url(), blog.startSeconds());
            return blog;
        }

        void measure(RunningBlog blog, Scenario scenario) {
            record(scenario.mode(), driver.run(blog.url(), scenario, options.warmup(), options.measure(),
                    options.maxRequests()));
        }

        void interleaved(List<LoadDriver.Variant> variants) {
            int rounds = options.quick() ? 3 : 10;
            List<RunResult> measured = driver.interleaved(variants, options.warmup(), options.measure(),
                    options.maxRequests(), rounds);
            for (int i = 0; i < variants.size(); i++) {
                record(variants.get(i).scenario().mode(), measured.get(i));
            }
        }

        private void record(Mode mode, RunResult result) {
            results.add(result);
            QueryBudget.violation(mode, result).ifPresent(violations::add);
            System.out.printf(Locale.ROOT, "  %-34s %9s req/s  p50 %8s ms  p99 %8s ms  queries %s  errors %d%n",
                    result.name(), SvgBarChart.number(result.requestsPerSecond()), SvgBarChart.number(result.p50Ms()),
                    SvgBarChart.number(result.p99Ms()), Goals.queries(result), result.errors());
        }

        void failed(String blog, Exception e) {
            violations.add("blog '" + blog + "' failed: " + e);
            System.out.println("  blog '" + blog + "' failed: " + e);
        }
    }
}
