package dev.ludicrous.benchmarks.blog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The command line of {@link BlogLoadBenchmark}; {@link #parse} rejects what it does not know. */
record Options(
        boolean quick,
        int clients,
        Duration warmup,
        Duration measure,
        long maxRequests,
        Optional<String> postgres,
        Optional<String> redis,
        Path out,
        double sampleFraction,
        int slowMillis,
        Map<String, String> blogSettings) {

    static final String USAGE = """
            usage: java -cp benchmarks.jar dev.ludicrous.benchmarks.blog.BlogLoadBenchmark [options]
              --quick               every mode, about 2 minutes in all (2 s warm-up, 5 s per run): what CI runs
                                    (without it, or with --full: 10 s warm-up and 30 s per run, about 8 minutes)
              --clients N           concurrent closed-loop clients (default 4)
              --warmup S            seconds of warm-up per run (overrides the size)
              --seconds S           seconds measured per run (overrides the size)
              --max-requests N      requests measured per run at most (default 50000 quick, 1000000 full)
              --postgres[=URL]      also run the blog on PostgreSQL (default $LUDICROUS_TEST_PG or
                                    jdbc:postgresql://127.0.0.1:5432/test?user=postgres), in its own schema
              --redis[=URL]         Redis as the cache tier (default $LUDICROUS_TEST_REDIS or redis://127.0.0.1:6379),
                                    under its own key prefix; with --postgres the PostgreSQL blog uses it
              --out DIR             where report.md, results.json and the plots go (default target/benchmark)
              --sample-fraction F   the sampled run's profiler.sample-fraction (default 0.01)
              --slow-ms N           the profiler's slow threshold in the slow-mode run (default 250, the blog's)
              --set key=value       a blog setting for every blog started (e.g. seed.posts=1000); repeatable
            Exit status: 0 when every pinned query count held and no request failed, 1 otherwise, 2 on bad options.
            """;

    static Options parse(List<String> args, Map<String, String> env) {
        boolean quick = false;
        int clients = 4;
        Double warmup = null;
        Double seconds = null;
        Long max = null;
        Optional<String> postgres = Optional.empty();
        Optional<String> redis = Optional.empty();
        Path out = Path.of("target", "benchmark");
        double fraction = 0.01;
        int slow = 250;
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = arg.contains("=") && arg.startsWith("--") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--quick" -> quick = true;
                case "--full" -> quick = false;
                case "--postgres" -> postgres = Optional.of(inline != null ? inline
                        : env.getOrDefault("LUDICROUS_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"));
                case "--redis" -> redis = Optional.of(inline != null ? inline
                        : env.getOrDefault("LUDICROUS_TEST_REDIS", "redis://127.0.0.1:6379"));
                case "--clients", "--warmup", "--seconds", "--max-requests", "--out", "--sample-fraction", "--slow-ms", "--set" -> {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.size()) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args.get(++i);
                    }
                    switch (name) {
                        case "--clients" -> clients = (int) number(name, value, 1, 1024);
                        case "--warmup" -> warmup = (double) number(name, value, 0, 3600);
                        case "--seconds" -> seconds = (double) number(name, value, 1, 36_000);
                        case "--max-requests" -> max = number(name, value, 1, Long.MAX_VALUE);
                        case "--out" -> out = Path.of(value);
                        case "--slow-ms" -> slow = (int) number(name, value, 1, 600_000);
                        case "--sample-fraction" -> {
                            try {
                                fraction = Double.parseDouble(value);
                            } catch (NumberFormatException e) {
                                fraction = -1;
                            }
                            if (!(fraction > 0 && fraction <= 1)) {
                                throw new IllegalArgumentException("--sample-fraction must be above 0 and at most 1, but was " + value);
                            }
                        }
                        default -> {
                            int eq = value.indexOf('=');
                            if (eq <= 0) {
                                throw new IllegalArgumentException("--set must be key=value, but was " + value);
                            }
                            settings.put(value.substring(0, eq), value.substring(eq + 1));
                        }
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new Options(quick, clients,
                Duration.ofMillis((long) (1000 * (warmup != null ? warmup : quick ? 2 : 10))),
                Duration.ofMillis((long) (1000 * (seconds != null ? seconds : quick ? 5 : 30))),
                max != null ? max : quick ? 50_000 : 1_000_000,
                postgres, redis, out, fraction, slow, Map.copyOf(settings));
    }

    private static long number(String name, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", but was " + value);
    }
}
