package dev.ludicrous.benchmarks.profiling;

import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.Sampler;
import dev.ludicrous.profiling.web.ProfilingFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.SplittableRandom;
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
 * Throughput of an embedded Jetty 12 serving a servlet that does about 5 ms of mixed CPU work
 * (hashing, sorting, string building: a fixed amount of work, not a fixed time), with the
 * profiling filter off and in each production-relevant mode:
 * {@code off} (no filter), {@code idle} (the filter installed with only a trigger secret that no
 * request carries: the cost of the filter and its sampler thread being there), {@code sample1}
 * (1 % of requests at 20 ms), {@code slow100} (threshold
 * 100 ms, so no request is ever sampled: the cost of watching), {@code trigger} (every request
 * carries the secret, sampled at 10 ms and stored). The ratio of each mode to {@code off} in the
 * same run is the filter's cost.
 *
 * <p>Run: {@code java -jar examples/benchmarks/target/benchmarks.jar FilterThroughput -f 1 -wi 3 -w 2 -i 5 -r 3}
 * and the same with {@code -jvm /usr/lib/jvm/temurin-25-jdk-amd64/bin/java}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class FilterThroughputBenchmark {
    private static final String SECRET = "benchmark-trigger-secret-0123";

    @Param({"off", "idle", "sample1", "slow100", "trigger"})
    public String mode;

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
        context.addServlet(new ServletHolder(new MixedWorkServlet()), "/work");
        if (!mode.equals("off")) {
            ProfilingFilter.Builder filter = ProfilingFilter.builder()
                    .sampler(Sampler.builder().interval(Duration.ofMillis(10)).build())
                    .store(ProfileStore.builder().build());
            switch (mode) {
                case "sample1" -> filter.sample(0.01, Duration.ofMillis(20));
                case "slow100" -> filter.slow(Duration.ofMillis(100));
                case "trigger", "idle" -> filter.trigger(SECRET);
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            context.addFilter(new FilterHolder(filter.build()), "/*", EnumSet.of(DispatcherType.REQUEST));
        }
        server.setHandler(context);
        server.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest.Builder builder = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/work"));
        if (mode.equals("trigger")) {
            builder.header(ProfilingFilter.DEFAULT_TRIGGER_HEADER, SECRET);
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

    /** About 5 ms of CPU on this machine: hashing, sorting and string building, in fixed amounts. */
    static final class MixedWorkServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            byte[] digest = hash(40);
            int[] sorted = sort(20_000);
            String page = render(2_000, digest, sorted);
            resp.setContentType("text/plain");
            resp.getOutputStream().write(page.getBytes(StandardCharsets.UTF_8), 0, 64);
        }

        private static byte[] hash(int rounds) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                byte[] block = new byte[16 * 1024];
                for (int i = 0; i < rounds; i++) {
                    block[i % block.length] ^= (byte) i;
                    sha.update(block);
                }
                return sha.digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static int[] sort(int size) {
            SplittableRandom random = new SplittableRandom(42);
            int[] values = new int[size];
            for (int i = 0; i < size; i++) {
                values[i] = random.nextInt();
            }
            Arrays.sort(values);
            return values;
        }

        private static String render(int rows, byte[] digest, int[] sorted) {
            StringBuilder out = new StringBuilder(rows * 40);
            for (int i = 0; i < rows; i++) {
                out.append("<tr><td>").append(i).append("</td><td>").append(sorted[i * 7 % sorted.length])
                        .append("</td><td>").append(Integer.toHexString(digest[i % digest.length])).append("</td></tr>\n");
            }
            return out.toString();
        }
    }
}
