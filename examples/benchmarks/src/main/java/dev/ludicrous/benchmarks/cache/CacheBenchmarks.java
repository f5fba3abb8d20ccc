package dev.ludicrous.benchmarks.cache;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the cache benchmarks and prints each one's ratio to its raw baseline measured in the same
 * run. JMH options pass through, e.g.
 * {@code java -cp benchmarks.jar dev.ludicrous.benchmarks.cache.CacheBenchmarks -f 3 -wi 5 -w 2 -i 10 -r 1}.
 */
public final class CacheBenchmarks {
    private static final String[][] PAIRS = {
        {"LocalHitBenchmark.cacheManagerLocalHit", "LocalHitBenchmark.rawCaffeineExpiringGetIfPresent", "2.0"},
        {"LocalHitBenchmark.cacheManagerVersionedLocalHit", "LocalHitBenchmark.rawCaffeineExpiringGetIfPresent", "2.0"},
        {"LocalHitBenchmark.cacheManagerLocalHit", "LocalHitBenchmark.rawCaffeineGetIfPresent", "-"},
        {"LocalHitBenchmark.cacheManagerVersionedLocalHit", "LocalHitBenchmark.rawCaffeineGetIfPresent", "-"},
        {"RemoteBenchmark.cacheManagerRemoteHit", "RemoteBenchmark.rawJedisGet", "1.2"},
        {"RemoteBenchmark.cacheManagerGetAll100", "RemoteBenchmark.rawJedisMget100", "1.2"},
        {"RemoteBenchmark.cacheManagerBump", "RemoteBenchmark.rawJedisIncr", "1.2"},
        {"RemoteBenchmark.cacheManagerBump", "RemoteBenchmark.rawJedisIncrAndPublish", "-"},
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
        System.out.println("Ratios to the raw baseline of the same run (target in brackets):");
        for (String[] pair : PAIRS) {
            double[] ours = scores.get(pair[0]);
            double[] raw = scores.get(pair[1]);
            if (ours != null && raw != null) {
                System.out.printf("  %-50s %8.3f ± %.3f vs %-45s %8.3f ± %.3f  = %5.2fx  (%s)%n", pair[0], ours[0],
                        ours[1], pair[1], raw[0], raw[1], ours[0] / raw[0],
                        pair[2].equals("-") ? "reported only" : "<= " + pair[2] + "x");
            }
        }
    }
}
