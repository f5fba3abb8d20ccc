package dev.ludicrous.profiling.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ludicrous.profiling.Profile;
import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.Recording;
import dev.ludicrous.profiling.Sampler;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfilingFilterTest {
    private static final String SECRET = "s3cret-trigger-value-0123456789";

    private final ProfileStore store = ProfileStore.builder().build();
    private final Sampler sampler = Sampler.builder().interval(Duration.ofMillis(2)).build();
    private final List<RequestSummary> seen = new CopyOnWriteArrayList<>();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private TestServer serve(ProfilingFilter filter) throws Exception {
        server = new TestServer().filter(filter)
                .servlet("/work/*", new Spin(Duration.ofMillis(80)))
                .servlet("/fast", new Spin(Duration.ZERO))
                .servlet("/boom", new Boom())
                .servlet("/timed", new AddsTiming())
                .start();
        return server;
    }

    private ProfilingFilter.Builder filter() {
        return ProfilingFilter.builder().sampler(sampler).store(store).observer(seen::add);
    }

    @Test
    void requestWithTheTriggerSecretIsProfiledAndLinkedFromServerTiming() throws Exception {
        serve(filter().trigger(SECRET).viewerPath("/_profiler").build());

        HttpResponse<String> response = server.get("/work/42?password=hunter2", "X-Ludicrous-Profile", SECRET);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.recent()).hasSize(1);
        Profile profile = store.recent().get(0);
        assertThat(profile.reason()).isEqualTo("trigger");
        assertThat(profile.route()).isEqualTo("/work/{id}");
        assertThat(profile.path()).isEqualTo("/work/42?[redacted]");
        assertThat(profile.status()).isEqualTo(200);
        assertThat(profile.cpuTime()).isPresent();
        assertThat(profile.allocatedBytes()).isPresent();
        assertThat(response.headers().firstValue("Server-Timing")).hasValueSatisfying(timing -> assertThat(timing)
                .matches("app;dur=\\d+\\.\\d, cpu;dur=\\d+\\.\\d, prof;desc=\"/_profiler/" + profile.id() + "\""));
        assertThat(seen).extracting(RequestSummary::mode, RequestSummary::profiled).containsExactly(
                org.assertj.core.groups.Tuple.tuple("trigger", true));
        assertThat(sampler.activeRecordings()).isZero();
    }

    @Test
    void wrongOrMissingSecretGetsNoProfileAndNoHint() throws Exception {
        serve(filter().trigger(SECRET).viewerPath("/_profiler").build());

        HttpResponse<String> plain = server.get("/work/1");
        HttpResponse<String> wrong = server.get("/work/1", "X-Ludicrous-Profile", SECRET + "x");
        HttpResponse<String> prefix = server.get("/work/1", "X-Ludicrous-Profile", SECRET.substring(0, 10));

        assertThat(store.size()).isZero();
        for (HttpResponse<String> response : List.of(plain, wrong, prefix)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Server-Timing")).isEmpty();
            assertThat(names(response)).isEqualTo(names(plain));
            assertThat(response.body()).isEqualTo(plain.body());
        }
    }

    @Test
    void everyRequestIsRefusedUnlessExplicitlyAllowed() throws Exception {
        assertThatThrownBy(() -> filter().everyRequest().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("everyRequest").hasMessageContaining("allowEveryRequest(true)")
                .hasMessageContaining("-Dludicrous.profiling.allow-every-request=true");

        serve(filter().everyRequest().allowEveryRequest(true).build());
        server.get("/work/1");
        server.get("/work/2");
        assertThat(store.recent()).extracting(Profile::reason).containsExactly("all", "all");
    }

    @Test
    void sampledRequestsUseTheirOwnInterval() throws Exception {
        serve(filter().sample(1.0, Duration.ofMillis(20)).build());
        server.get("/work/1");
        Profile profile = store.recent().get(0);
        assertThat(profile.reason()).isEqualTo("sample");
        assertThat(profile.stacks().interval()).isEqualTo(Duration.ofMillis(20));
    }

    @Test
    void slowModeProfilesOnlyRequestsThatOutliveTheThreshold() throws Exception {
        // Half of /work's 80 ms: a 5 ms threshold let the first, cold /fast request of a new server
        // pass it on a loaded machine.
        serve(filter().slow(Duration.ofMillis(40)).build());

        server.get("/fast");
        assertThat(store.size()).isZero();

        server.get("/work/7");
        assertThat(store.recent()).hasSize(1);
        Profile slow = store.recent().get(0);
        assertThat(slow.reason()).isEqualTo("slow");
        assertThat(slow.samples()).isPositive();
        // Measured from the threshold on, read by the sampler thread when sampling began.
        assertThat(slow.cpuTime()).hasValueSatisfying(cpu -> assertThat(cpu).isPositive());
        assertThat(slow.allocatedBytes()).isPresent();
        assertThat(slow.stacks().root().samplesIn(Spin.class.getName() + ".spin")).isPositive();
        assertThat(seen).extracting(RequestSummary::mode, RequestSummary::profiled).containsExactly(
                org.assertj.core.groups.Tuple.tuple("slow", false), org.assertj.core.groups.Tuple.tuple("slow", true));
        assertThat(sampler.activeRecordings()).isZero();
    }

    @Test
    void requestThatThrowsStillEndsAndStoresItsProfile() throws Exception {
        serve(filter().trigger(SECRET).build());

        HttpResponse<String> response = server.get("/boom", "X-Ludicrous-Profile", SECRET);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(store.recent()).extracting(Profile::status).containsExactly(500);
        assertThat(sampler.activeRecordings()).isZero();
    }

    @Test
    void asyncRequestStopsSamplingWhenTheDispatchReturnsAndIsStoredOnCompletion() throws Exception {
        CompletableFuture<AsyncContext> started = new CompletableFuture<>();
        server = new TestServer().filter(filter().trigger(SECRET).build())
                .servlet("/async", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
                        started.complete(request.startAsync());
                    }
                }).start();

        CompletableFuture<HttpResponse<String>> response = CompletableFuture.supplyAsync(() -> {
            try {
                return server.get("/async", "X-Ludicrous-Profile", SECRET);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        AsyncContext async = started.get();
        await().atMost(Duration.ofSeconds(10)).until(() -> sampler.activeRecordings() == 0);
        assertThat(store.size()).isZero();

        ((HttpServletResponse) async.getResponse()).setStatus(202);
        async.complete();

        assertThat(response.get().statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.size() == 1);
        assertThat(store.recent().get(0).status()).isEqualTo(202);
        assertThat(seen).hasSize(1);
    }

    @Test
    void otherModulesEntriesJoinTheHeaderAndInvalidOnesAreDropped() throws Exception {
        serve(filter().serverTiming(true).build());
        HttpResponse<String> response = server.get("/timed");
        assertThat(response.headers().allValues("Server-Timing")).hasSize(2).first().isEqualTo("sql;dur=1.0");
        assertThat(response.headers().allValues("Server-Timing").get(1))
                .matches("app;dur=\\d+\\.\\d, cpu;dur=\\d+\\.\\d, db;dur=3.2;desc=\"2 queries\", cache;dur=0.1");
        assertThat(store.size()).isZero();
    }

    @Test
    void requestAtTheSamplerCapIsServedUnprofiled() throws Exception {
        Sampler one = Sampler.builder().maxConcurrentRecordings(1).build();
        serve(ProfilingFilter.builder().sampler(one).store(store).trigger(SECRET).observer(seen::add).build());
        Recording holder = one.start(Thread.currentThread()).orElseThrow();
        try {
            HttpResponse<String> response = server.get("/work/3", "X-Ludicrous-Profile", SECRET);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("done");
            assertThat(store.size()).isZero();
            assertThat(seen).extracting(RequestSummary::profiled).containsExactly(false);
        } finally {
            holder.stop();
        }
    }

    @Test
    void failureInsideTheFilterNeverFailsTheRequest() throws Exception {
        serve(filter().trigger(SECRET).route(request -> {
            throw new IllegalStateException("route function broke");
        }).build());
        HttpResponse<String> response = server.get("/work/5", "X-Ludicrous-Profile", SECRET);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
        assertThat(sampler.activeRecordings()).isZero();
    }

    @Test
    void badConfigurationFailsAtBuildNamingTheSetting() {
        assertThatThrownBy(() -> ProfilingFilter.builder().trigger(SECRET).build())
                .hasMessage("store must be set: profiles need a ProfileStore to go to");
        assertThatThrownBy(() -> ProfilingFilter.builder().store(store).trigger("short").build())
                .hasMessage("trigger secret must be at least 16 characters, but was 5 characters");
        assertThatThrownBy(() -> ProfilingFilter.builder().store(store).sample(1.5, Duration.ofMillis(20)).build())
                .hasMessage("sample fraction must be more than 0 and at most 1, but was 1.5");
        assertThatThrownBy(() -> ProfilingFilter.builder().store(store).slow(Duration.ZERO).build())
                .hasMessage("slow threshold must be positive, but was PT0S");
        assertThatThrownBy(() -> ProfilingFilter.builder().store(store).build())
                .hasMessageStartingWith("no mode is set");
        assertThatThrownBy(() -> ProfilingFilter.builder().store(store).trigger(SECRET).viewerPath("/p/").build())
                .hasMessage("viewerPath must start with '/' and not end with '/', but was /p/");
    }

    private static List<String> names(HttpResponse<String> response) {
        List<String> names = new ArrayList<>(response.headers().map().keySet());
        names.remove("date");
        names.sort(null);
        return names;
    }

    /** Spins for a while in {@link #spin}. */
    static final class Spin extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final long nanos;
        volatile double sink;

        Spin(Duration duration) {
            this.nanos = duration.toNanos();
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            spin();
            response.getWriter().write("done");
        }

        private void spin() {
            long end = System.nanoTime() + nanos;
            double x = 0;
            while (System.nanoTime() - end < 0) {
                x += Math.sqrt(x + 1);
            }
            sink = x;
        }
    }

    static final class Boom extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) {
            throw new IllegalStateException("boom");
        }
    }

    static final class AddsTiming extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            ServerTiming.add(request, "db;dur=3.2;desc=\"2 queries\"");
            @SuppressWarnings("unchecked")
            List<String> shared = (List<String>) request.getAttribute(ServerTiming.ATTRIBUTE);
            shared.add("bad\r\nX-Injected: yes");
            shared.add("cache;dur=0.1");
            // As the query inspector does: its entry is in the list and already a header of its own.
            shared.add("sql;dur=1.0");
            response.addHeader("Server-Timing", "sql;dur=1.0");
            response.getWriter().write("ok");
        }
    }
}
