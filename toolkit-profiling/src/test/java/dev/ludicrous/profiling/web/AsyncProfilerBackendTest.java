package dev.ludicrous.profiling.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.profiling.FrameNode;
import dev.ludicrous.profiling.Profile;
import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.Sampler;
import dev.ludicrous.profiling.StackRecording;
import dev.ludicrous.profiling.asyncprofiler.AsyncProfilerRecorder;
import example.shop.BurnServlet;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class AsyncProfilerBackendTest {
    private static final String SECRET = "async-trigger-secret-0123456";
    private static final String BURN = BurnServlet.class.getName() + ".burnCpu";

    private final ProfileStore store = ProfileStore.builder().build();

    private static AsyncProfilerRecorder recorderOrSkip() {
        Optional<AsyncProfilerRecorder> recorder = AsyncProfilerRecorder.ifAvailable("wall");
        Assumptions.assumeTrue(recorder.isPresent(), "async-profiler does not load on this platform");
        return recorder.get();
    }

    @Test
    void triggeredRequestIsRecordedByAsyncProfilerWhereItLoads() throws Exception {
        AsyncProfilerRecorder recorder = recorderOrSkip();
        try (TestServer server = new TestServer()
                .filter(ProfilingFilter.builder().store(store).trigger(SECRET).recorder(recorder)
                        .sampler(Sampler.builder().interval(Duration.ofMillis(5)).build()).build())
                .servlet("/burn", new BurnServlet()).start()) {
            server.get("/burn", "X-Ludicrous-Profile", SECRET);
        }
        Profile profile = store.recent().get(0);
        FrameNode root = profile.stacks().root();
        assertThat(root.total()).isGreaterThanOrEqualTo(10);
        assertThat((double) root.samplesIn(BURN) / root.total()).isGreaterThan(0.5);
    }

    @Test
    void whileAsyncProfilerIsBusyRequestsFallBackToTheJdkSampler() throws Exception {
        AsyncProfilerRecorder recorder = recorderOrSkip();
        StackRecording held = recorder.start(Thread.currentThread(), Duration.ofMillis(10)).orElseThrow();
        try {
            assertThat(recorder.start(Thread.currentThread(), Duration.ofMillis(10))).isEmpty();
            try (TestServer server = new TestServer()
                    .filter(ProfilingFilter.builder().store(store).trigger(SECRET).recorder(recorder)
                            .sampler(Sampler.builder().interval(Duration.ofMillis(5)).build()).build())
                    .servlet("/burn", new BurnServlet()).start()) {
                server.get("/burn", "X-Ludicrous-Profile", SECRET);
            }
            FrameNode root = store.recent().get(0).stacks().root();
            assertThat((double) root.samplesIn(BURN) / root.total()).isGreaterThan(0.5);
        } finally {
            held.stop();
        }
        assertThat(recorder.start(Thread.currentThread(), Duration.ofMillis(10))).hasValueSatisfying(StackRecording::stop);
    }

    @Test
    void guideSnippetPicksAsyncProfilerWhenItLoads() {
        String secret = SECRET;
        // snippet: async-profiler
        ProfilingFilter.Builder builder = ProfilingFilter.builder().store(store).trigger(secret);
        AsyncProfilerRecorder.ifAvailable("wall").ifPresent(builder::recorder);   // else the JDK sampler
        ProfilingFilter filter = builder.build();
        // end-snippet
        assertThat(filter).isNotNull();
    }

    @Test
    void unknownEventIsRefused() {
        assertThatThrownBy(() -> AsyncProfilerRecorder.ifAvailable("lock"))
                .hasMessage("event must be wall, cpu or alloc, but was lock");
    }
}
