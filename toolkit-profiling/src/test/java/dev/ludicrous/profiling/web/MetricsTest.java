package dev.ludicrous.profiling.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.micrometer.ProfilingMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final String SECRET = "metrics-trigger-secret-0123";

    @Test
    void timerPerCollapsedRouteAndCountersOfProfiles() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        // snippet: micrometer
        ProfilingMetrics metrics = ProfilingMetrics.create();     // at most 100 routes, then OTHER
        metrics.bindTo(registry);
        ProfilingFilter filter = ProfilingFilter.builder()
                .store(store)
                .trigger(secret)
                .observer(metrics)
                .build();
        // end-snippet
        try (TestServer server = new TestServer().filter(filter)
                .servlet("/work/*", new ProfilingFilterTest.Spin(Duration.ZERO)).start()) {
            server.get("/work/1");
            server.get("/work/2");
            server.get("/work/3f2c1d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f", "X-Ludicrous-Profile", SECRET);
        }
        assertThat(registry.get("ludicrous.profiling.requests").tag("route", "/work/{id}").tag("method", "GET")
                .tag("status", "200").timer().count()).isEqualTo(2);
        assertThat(registry.get("ludicrous.profiling.requests").tag("route", "/work/{uuid}").timer().count()).isEqualTo(1);
        assertThat(registry.get("ludicrous.profiling.profiles").tag("mode", "trigger").tag("result", "stored")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void routesBeyondTheBoundAreTaggedOther() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        ProfilingMetrics metrics = ProfilingMetrics.withMaxRoutes(2);
        metrics.bindTo(registry);
        for (String route : new String[] {"/a", "/b", "/c", "/d", "/a"}) {
            metrics.onRequest(new RequestSummary("GET", route, 200, Duration.ofMillis(3), "none", false));
        }
        metrics.onRequest(new RequestSummary("BREW", "/a", 418, Duration.ofMillis(3), "none", false));
        assertThat(registry.get("ludicrous.profiling.requests").timers()).extracting(t -> t.getId().getTag("route"))
                .containsExactlyInAnyOrder("/a", "/b", "OTHER", "/a");
        assertThat(registry.get("ludicrous.profiling.requests").tag("route", "OTHER").timer().count()).isEqualTo(2);
        assertThat(registry.get("ludicrous.profiling.requests").tag("method", "OTHER").timer().count()).isEqualTo(1);
        assertThatThrownBy(() -> ProfilingMetrics.withMaxRoutes(0))
                .hasMessage("maxRoutes must be between 1 and 10000, but was 0");
    }

    private final ProfileStore store = ProfileStore.builder().build();
    private final String secret = SECRET;
}
