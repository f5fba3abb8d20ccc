package dev.ludicrous.benchmarks.profiling;

import dev.ludicrous.profiling.web.ProfilingFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Throughput of an embedded Jetty 12 serving {@link MixedWorkServlet} (a fixed amount of mixed CPU
 * work, about 5 ms), with the profiling filter off and in each mode of {@link FilterMode}:
 * {@code off}, {@code noop} (a filter that only calls the chain), {@code idle}, {@code sample}
 * (1 % at 20 ms), {@code slow} (100 ms), {@code trigger} (every request, 10 ms).
 *
 * <p>Each mode runs in its own forks, one after another, so differences of a few percent between
 * modes are within what separates two forks of the same mode on a 2-core machine (docs/profiling.md):
 * for the filter's cost use {@link PairedFilterCost}, which measures all modes in one JVM, paired
 * round by round. This benchmark stays for absolute figures per mode.
 *
 * <p>Run: {@code java -jar examples/benchmarks/target/benchmarks.jar FilterThroughput -f 3 -wi 4 -w 2 -i 8 -r 1}
 * and the same with {@code -jvm /usr/lib/jvm/temurin-25-jdk-amd64/bin/java}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class FilterThroughputBenchmark {
    @Param({"off", "noop", "idle", "sample", "slow", "trigger"})
    public String mode;

    /** Units of {@link MixedWorkServlet} work per request: one is 0.06-0.09 ms of CPU here, so 64 is about 5 ms. */
    @Param("64")
    public int units;

    private Server server;
    private HttpClient client;
    private HttpRequest request;

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new MixedWorkServlet(units)), "/work");
        FilterMode filterMode = FilterMode.parse(mode);
        Filter filter = filterMode.filter();
        if (filter != null) {
            context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/work"));
        if (filterMode.sendsTrigger()) {
            builder.header(ProfilingFilter.DEFAULT_TRIGGER_HEADER, FilterMode.SECRET);
        }
        request = builder.build();
        long start = System.nanoTime();
        int warm = 50;
        for (int i = 0; i < warm; i++) {
            get();
        }
        System.out.printf("%n[%s] ~%.1f ms per request while starting (one client thread)%n", mode,
                (System.nanoTime() - start) / 1e6 / warm);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        server.stop();
    }

    @Benchmark
    public int get() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("status " + response.statusCode());
        }
        return response.body().length;
    }
}
