package dev.ludicrous.benchmarks.cache;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the cache benchmarks and prints, for each operation, ours and the peers' (JetCache,
 * Redisson) as a ratio to the raw baseline measured in the same run, and who was fastest. JMH
 * options pass through, e.g.
 * {@code java -cp benchmarks.jar dev.ludicrous.benchmarks.cache.CacheBenchmarks -f 3 -wi 5 -w 2 -i 10 -r 1 -prof gc}.
 */
public final class CacheBenchmarks {
    /** An operation: its raw floor, our goal against it ("-": none), ours, then the peers. */
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
                "RemoteBenchmark.cacheManagerRemoteHit", "PeerRemoteBenchmark.jetCacheRemoteHit",
                "PeerRemoteBenchmark.redissonLocalCachedMapRemoteHit", "PeerRemoteBenchmark.redissonBucketGet"),
        new Operation("bulk read of 100", "RemoteBenchmark.rawJedisMget100", "1.2",
                "RemoteBenchmark.cacheManagerGetAll100", "PeerRemoteBenchmark.jetCacheGetAll100",
                "PeerRemoteBenchmark.redissonLocalCachedMapGetAll100", "PeerRemoteBenchmark.redissonBucketsGet100"),
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

    private CacheBenchmarks() {
    }

    /**
     * Runs the benchmarks of this package.
     *
     * @param args JMH command-line options
     * @throws Exception when JMH fails
     */
    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        OptionsBuilder options = new OptionsBuilder();
        options.parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(CacheBenchmarks.class.getPackageName() + ".*Benchmark");
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> scores = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
            scores.put(shortName, new double[] {result.getPrimaryResult().getScore(),
                    result.getPrimaryResult().getScoreError()});
        }
        System.out.println();
        System.out.println("Ratios to the raw baseline of the same run (ours first, then the peers):");
        for (Operation operation : OPERATIONS) {
            double[] raw = scores.get(operation.raw());
            if (raw == null) {
                continue;
            }
            System.out.printf("%n  %s: raw %s %.3f ± %.3f%n", operation.name(), operation.raw(), raw[0], raw[1]);
            String fastest = null;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < operation.contenders().length; i++) {
                String contender = operation.contenders()[i];
                double[] score = scores.get(contender);
                if (score == null) {
                    continue;
                }
                String goal = i == 0 && !operation.goal().equals("-") ? "  (goal <= " + operation.goal() + "x)" : "";
                System.out.printf("    %-55s %10.3f ± %-9.3f = %6.2fx%s%n", contender, score[0], score[1],
                        score[0] / raw[0], goal);
                if (score[0] < best) {
                    best = score[0];
                    fastest = contender;
                }
            }
            if (fastest != null && operation.contenders().length > 1) {
                System.out.printf("    fastest: %s (read the error columns before calling it)%n", fastest);
            }
        }
    }
}
