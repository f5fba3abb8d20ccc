package dev.ludicrous.benchmarks.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.ListStatistics;

/**
 * Runs the cache benchmarks and prints, for each operation, ours and the peers' (JetCache,
 * Redisson) as a ratio to the raw baseline measured in the same run, and who was fastest. JMH
 * options pass through, e.g.
 * {@code java -cp benchmarks.jar dev.ludicrous.benchmarks.cache.CacheBenchmarks -f 3 -wi 5 -w 2 -i 10 -r 1 -prof gc}.
 */
public final class CacheBenchmarks {
    /**
     * An operation: its raw floor, our goal against it ("-": none), ours (named {@code cacheManager...},
     * each held to the goal), then the peers.
     */
    private record Operation(String name, String raw, String goal, String... contenders) {
    }

    private static final Operation[] OPERATIONS = {
        new Operation("local hit", "LocalHitBenchmark.rawCaffeineExpiringGetIfPresent", "2.0",
                "LocalHitBenchmark.cacheManagerLocalHit", "PeerLocalHitBenchmark.jetCacheLocalHit",
                "PeerLocalHitBenchmark.redissonLocalHit"),
        new Operation("local hit, versioned", "LocalHitBenchmark.rawCaffeineExpiringGetIfPresent", "2.0",
                "LocalHitBenchmark.cacheManagerVersionedLocalHit"),
        new Operation("local hit vs Caffeine without TTL", "LocalHitBenchmark.rawCaffeineGetIfPresent", "-",
                "LocalHitBenchmark.cacheManagerLocalHit", "LocalHitBenchmark.cacheManagerVersionedLocalHit",
                "LocalHitBenchmark.rawCaffeineExpiringGetIfPresent"),
        new Operation("remote hit", "RemoteBenchmark.rawJedisGet", "1.2",
                "RemoteBenchmark.cacheManagerRemoteHit", "RemoteBenchmark.cacheManagerRemoteHitNoLocalTier",
                "PeerRemoteBenchmark.jetCacheRemoteHit", "PeerRemoteBenchmark.redissonLocalCachedMapRemoteHit",
                "PeerRemoteBenchmark.redissonBucketGet"),
        new Operation("bulk read of 100", "RemoteBenchmark.rawJedisMget100", "1.2",
                "RemoteBenchmark.cacheManagerGetAll100", "RemoteBenchmark.cacheManagerGetAll100NoLocalTier",
                "PeerRemoteBenchmark.jetCacheGetAll100", "PeerRemoteBenchmark.redissonLocalCachedMapGetAll100",
                "PeerRemoteBenchmark.redissonBucketsGet100"),
        new Operation("invalidate one key", "RemoteBenchmark.rawJedisDel", "-",
                "RemoteBenchmark.cacheManagerInvalidate", "PeerRemoteBenchmark.jetCacheInvalidate",
                "PeerRemoteBenchmark.redissonLocalCachedMapInvalidate"),
        new Operation("bump", "RemoteBenchmark.rawJedisIncr", "1.2", "RemoteBenchmark.cacheManagerBump"),
        new Operation("bump vs INCR + PUBLISH", "RemoteBenchmark.rawJedisIncrAndPublish", "-",
                "RemoteBenchmark.cacheManagerBump"),
        new Operation("Hibernate select in a transaction, with the integration",
                "HibernateListenerBenchmark.selectInTransactionWithoutIntegration", "-",
                "HibernateListenerBenchmark.selectInTransactionWithIntegration"),
    };

    private static final String PACKAGE = CacheBenchmarks.class.getPackageName();

    private CacheBenchmarks() {
    }

    /**
     * Runs the benchmarks of this package.
     *
     * <p>On a 2-vCPU machine a Redis round trip takes 20 to 120 µs depending on how the cores
     * wake, and that drifts over minutes. JMH runs all forks of one benchmark before the next, so a
     * raw baseline and ours could be measured minutes apart, under different latency. Here {@code -f N}
     * means N rounds instead: each round runs one fork of every benchmark, each operation's raw
     * baseline right before its contenders, and each score pools the iterations of all rounds.
     * Our ratio is printed per round too.
     *
     * @param args JMH command-line options
     * @throws Exception when JMH fails
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        List<String> benchmarks = selected(cli.getIncludes());
        // The same options without the include patterns, which a parent's options would add to each run's own.
        CommandLineOptions settings = new CommandLineOptions(
                Arrays.stream(args).filter(arg -> !cli.getIncludes().contains(arg)).toArray(String[]::new));
        int forks = cli.getForkCount().orElse(1);
        int rounds = Math.max(1, forks);
        Map<String, List<double[]>> rounded = new HashMap<>();
        Set<String> failed = new HashSet<>();
        for (int round = 0; round < rounds; round++) {
            for (String benchmark : benchmarks) {
                if (failed.contains(benchmark)) {
                    continue;
                }
                Options one = new OptionsBuilder().parent(settings)
                        .include("^" + Pattern.quote(PACKAGE + "." + benchmark) + "$").forks(Math.min(forks, 1)).build();
                try {
                    rounded.computeIfAbsent(benchmark, b -> new ArrayList<>()).add(iterationScores(new Runner(one).runSingle()));
                } catch (RunnerException e) {
                    // JMH has printed why; the other benchmarks still run, and this one is left out of the ratios.
                    rounded.remove(benchmark);
                    failed.add(benchmark);
                }
            }
        }
        print(rounded);
    }

    private static double[] iterationScores(RunResult run) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult result : run.getBenchmarkResults()) {
            for (IterationResult iteration : result.getIterationResults()) {
                scores.add(iteration.getPrimaryResult().getScore());
            }
        }
        return scores.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Each benchmark the operations name, once, in their order, kept if it matches an include (all without). */
    private static List<String> selected(List<String> includes) {
        Set<String> names = new LinkedHashSet<>();
        for (Operation operation : OPERATIONS) {
            names.add(operation.raw());
            names.addAll(List.of(operation.contenders()));
        }
        List<String> kept = new ArrayList<>();
        for (String name : names) {
            if (includes.isEmpty() || includes.stream().anyMatch(i -> Pattern.compile(i).matcher(PACKAGE + "." + name).find())) {
                kept.add(name);
            }
        }
        return kept;
    }

    private static void print(Map<String, List<double[]>> rounded) {
        System.out.println();
        System.out.println("Ratios to the raw baseline (ours first, then the peers); every round's iterations pooled,");
        System.out.println("then ours per round (raw and ours measured one after the other):");
        for (Operation operation : OPERATIONS) {
            List<double[]> rawRounds = rounded.get(operation.raw());
            if (rawRounds == null) {
                continue;
            }
            ListStatistics raw = pooled(rawRounds);
            System.out.printf("%n  %s: raw %s %.3f ± %.3f%n", operation.name(), operation.raw(), raw.getMean(),
                    raw.getMeanErrorAt(0.999));
            String fastest = null;
            double best = Double.MAX_VALUE;
            for (String contender : operation.contenders()) {
                List<double[]> contenderRounds = rounded.get(contender);
                if (contenderRounds == null) {
                    continue;
                }
                ListStatistics score = pooled(contenderRounds);
                boolean ours = contender.contains(".cacheManager");
                String goal = ours && !operation.goal().equals("-") ? "  (goal <= " + operation.goal() + "x)" : "";
                System.out.printf("    %-55s %10.3f ± %-9.3f = %6.2fx%s%n", contender, score.getMean(),
                        score.getMeanErrorAt(0.999), score.getMean() / raw.getMean(), goal);
                if (ours && contenderRounds.size() > 1) {
                    System.out.printf("    %-55s %s%n", "  by round", perRound(rawRounds, contenderRounds));
                }
                if (score.getMean() < best) {
                    best = score.getMean();
                    fastest = contender;
                }
            }
            if (fastest != null && operation.contenders().length > 1) {
                System.out.printf("    fastest: %s (read the error columns before calling it)%n", fastest);
            }
        }
    }

    private static ListStatistics pooled(List<double[]> rounds) {
        ListStatistics statistics = new ListStatistics();
        for (double[] round : rounds) {
            for (double score : round) {
                statistics.addValue(score);
            }
        }
        return statistics;
    }

    private static String perRound(List<double[]> raw, List<double[]> ours) {
        StringJoiner ratios = new StringJoiner(", ");
        for (int r = 0; r < Math.min(raw.size(), ours.size()); r++) {
            ratios.add(String.format("%.2fx", mean(ours.get(r)) / mean(raw.get(r))));
        }
        return ratios.toString();
    }

    private static double mean(double[] scores) {
        return Arrays.stream(scores).average().orElse(Double.NaN);
    }
}
