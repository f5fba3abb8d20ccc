package dev.ludicrous.profiling.micrometer;

import dev.ludicrous.profiling.web.RequestObserver;
import dev.ludicrous.profiling.web.RequestSummary;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters for the requests {@code ProfilingFilter} sees: pass it to
 * {@code ProfilingFilter.Builder.observer(...)} and bind it to a registry.
 *
 * <ul>
 *   <li>{@code ludicrous.profiling.requests} (timer) tagged {@code route}, {@code method} and
 *       {@code status}: every request's wall time;</li>
 *   <li>{@code ludicrous.profiling.profiles} (counter) tagged {@code mode}
 *       ({@code trigger|sample|slow|all}) and {@code result} ({@code stored|not_stored}: not stored
 *       when the sampler was at its cap, or a {@code slow} request ended before its threshold).</li>
 * </ul>
 *
 * <p>Cardinality is bounded: routes come from the filter's route function (by default the path with
 * numeric and UUID segments collapsed), and once {@code maxRoutes} distinct routes have been seen
 * further ones are tagged {@code OTHER}; methods outside the standard nine are tagged {@code OTHER}.
 * Requests seen before {@link #bindTo(MeterRegistry)} are not counted. Thread-safe.
 */
public final class ProfilingMetrics implements RequestObserver, MeterBinder {
    /** The tag value for routes and methods beyond the bounds: {@value}. */
    public static final String OTHER = "OTHER";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
            "TRACE", "PATCH");

    private final int maxRoutes;
    private final Set<String> routes = ConcurrentHashMap.newKeySet();
    private final Map<Key, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    private ProfilingMetrics(int maxRoutes) {
        this.maxRoutes = maxRoutes;
    }

    /**
     * Returns meters that tag at most 100 distinct routes.
     *
     * @return new, unbound meters
     */
    public static ProfilingMetrics create() {
        return withMaxRoutes(100);
    }

    /**
     * Returns meters that tag at most {@code maxRoutes} distinct routes; later ones are {@code OTHER}.
     *
     * @param maxRoutes from 1 to 10,000
     * @return new, unbound meters
     * @throws IllegalArgumentException when {@code maxRoutes} is out of range
     */
    public static ProfilingMetrics withMaxRoutes(int maxRoutes) {
        if (maxRoutes < 1 || maxRoutes > 10_000) {
            throw new IllegalArgumentException("maxRoutes must be between 1 and 10000, but was " + maxRoutes);
        }
        return new ProfilingMetrics(maxRoutes);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        timers.clear();
        counters.clear();
    }

    @Override
    public void onRequest(RequestSummary summary) {
        MeterRegistry bound = registry;
        if (bound == null) {
            return;
        }
        Key key = new Key(route(summary.route()), METHODS.contains(summary.method()) ? summary.method() : OTHER,
                summary.status());
        timers.computeIfAbsent(key, k -> Timer.builder("ludicrous.profiling.requests")
                .description("Requests seen by the profiling filter, by route")
                .tag("route", k.route).tag("method", k.method).tag("status", Integer.toString(k.status))
                .register(bound)).record(summary.wallTime());
        if (!"none".equals(summary.mode())) {
            String result = summary.profiled() ? "stored" : "not_stored";
            counters.computeIfAbsent(summary.mode() + "/" + result, k -> Counter.builder("ludicrous.profiling.profiles")
                    .description("Requests chosen for profiling, by mode and whether a profile was stored")
                    .baseUnit("requests").tag("mode", summary.mode()).tag("result", result)
                    .register(bound)).increment();
        }
    }

    private String route(String route) {
        if (route == null) {
            return OTHER;
        }
        if (routes.contains(route)) {
            return route;
        }
        // A race may let a few more than maxRoutes in; the bound is on the order of magnitude.
        if (routes.size() < maxRoutes) {
            routes.add(route);
            return route;
        }
        return OTHER;
    }

    private record Key(String route, String method, int status) {
    }
}
