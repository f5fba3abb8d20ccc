package dev.ludicrous.benchmarks.query;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the query inspector benchmarks and prints each setup's overhead per statement over raw
 * JDBC measured in the same run. JMH options pass through, e.g.
 * {@code java -cp benchmarks.jar dev.ludicrous.benchmarks.query.QueryBenchmarks -f 3 -wi 5 -w 2 -i 10 -r 1}.
 */
public final class QueryBenchmarks {
    private static final String[][] GOALS = {
        {"inspectorCallSitesOff", "overhead <= 1000 ns and below datasourceProxyCountQuery"},
        {"inspectorCallSitesOn", "overhead <= 5000 ns"},
        {"p6spyNoopListener", "peer: p6spy wrapper alone"},
        {"datasourceProxyCountQuery", "peer: datasource-proxy query counter"},
    };

    private QueryBenchmarks() {
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
            options.include(StatementOverheadBenchmark.class.getName());
        }
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, double[]> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1),
                    new double[] {result.getPrimaryResult().getScore(), result.getPrimaryResult().getScoreError()});
        }
        double[] raw = scores.get("rawJdbc");
        if (raw == null) {
            return;
        }
        System.out.println();
        System.out.printf("Per statement, against raw JDBC (%.0f ± %.0f ns) in the same run:%n", raw[0], raw[1]);
        for (String[] goal : GOALS) {
            double[] score = scores.get(goal[0]);
            if (score != null) {
                System.out.printf("  %-28s %7.0f ± %5.0f ns  overhead %+6.0f ns  ratio %5.2fx  (%s)%n", goal[0], score[0],
                        score[1], score[0] - raw[0], score[0] / raw[0], goal[1]);
            }
        }
    }
}
