package dev.ludicrous.benchmarks.profiling;

import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.Sampler;
import dev.ludicrous.profiling.web.ProfilingFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What {@code ProfilingFilter} adds to a request it does not sample, in nanoseconds, without the
 * noise of HTTP: the filter's {@code doFilter} around an empty chain, against calling the chain
 * directly ({@code off}). Modes: {@code trigger} configured but the request has no header (the
 * production case), {@code sample1} (1 % of calls start and stop a recording), {@code slow100}
 * (every call registers and removes a delayed recording; no thread clock is read). Add
 * {@code -prof gc} for the bytes allocated per call. The request and response are minimal dynamic proxies, the same in every
 * mode. Divide the difference to {@code off} by a request's duration for the relative cost.
 *
 * <p>Run: {@code java -jar examples/benchmarks/target/benchmarks.jar FilterDecision -f 1 -wi 3 -w 1 -i 5 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
public class FilterDecisionBenchmark {
    @Param({"off", "trigger", "sample1", "slow100"})
    public String mode;

    private ProfilingFilter filter;
    private HttpServletRequest request;
    private HttpServletResponse response;
    private final FilterChain chain = (req, res) -> {
    };

    @Setup
    public void setUp() {
        request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getDispatcherType" -> DispatcherType.REQUEST;
                    case "getMethod" -> "GET";
                    case "getRequestURI" -> "/posts/42";
                    case "getContextPath" -> "";
                    case "isAsyncStarted" -> false;
                    default -> null;
                });
        response = (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "isCommitted" -> false;
                    case "getStatus" -> 200;
                    default -> null;
                });
        if (!mode.equals("off")) {
            ProfilingFilter.Builder builder = ProfilingFilter.builder()
                    .sampler(Sampler.builder().interval(Duration.ofMillis(10)).build())
                    .store(ProfileStore.builder().build());
            switch (mode) {
                case "trigger" -> builder.trigger("benchmark-trigger-secret-0123");
                case "sample1" -> builder.sample(0.01, Duration.ofMillis(20));
                case "slow100" -> builder.slow(Duration.ofMillis(100));
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
            filter = builder.build();
        }
    }

    @Benchmark
    public void request() throws IOException, jakarta.servlet.ServletException {
        if (filter == null) {
            chain.doFilter(request, response);
        } else {
            filter.doFilter(request, response, chain);
        }
    }
}
