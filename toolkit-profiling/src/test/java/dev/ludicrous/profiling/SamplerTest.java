package dev.ludicrous.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SamplerTest {

    @Test
    void busyThreadIsSampledIntoItsOwnTree() throws Exception {
        Sampler sampler = Sampler.builder().interval(Duration.ofMillis(2)).build();
        try (BusyThread busy = new BusyThread()) {
            Recording recording = sampler.start(busy.thread()).orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> recording.samples() >= 20);
            StackTree tree = recording.stop();

            assertThat(tree.samples()).isGreaterThanOrEqualTo(20);
            assertThat(tree.root().samplesIn(BusyThread.SPIN)).isGreaterThanOrEqualTo(tree.samples() * 9 / 10);
            assertThat(tree.root().children()).extracting(FrameNode::name).containsExactly("java.lang.Thread.run");
            long afterStop = recording.samples();
            assertThat(recording.stop()).isSameAs(tree);
            assertThat(recording.samples()).isEqualTo(afterStop);
        }
    }

    @Test
    void startBeyondTheConcurrencyCapReturnsEmptyUntilOneStops() throws Exception {
        Sampler sampler = Sampler.builder().maxConcurrentRecordings(1).build();
        try (BusyThread busy = new BusyThread()) {
            Recording first = sampler.start(busy.thread()).orElseThrow();
            assertThat(sampler.start(busy.thread())).isEmpty();
            assertThat(sampler.activeRecordings()).isEqualTo(1);
            first.stop();
            assertThat(sampler.activeRecordings()).isZero();
            Optional<Recording> second = sampler.start(busy.thread());
            assertThat(second).isPresent();
            second.get().stop();
        }
    }

    @Test
    void recordingStopsSamplingAtItsSampleCap() throws Exception {
        Sampler sampler = Sampler.builder().interval(Duration.ofMillis(1)).maxSamplesPerRecording(5).build();
        try (BusyThread busy = new BusyThread()) {
            Recording recording = sampler.start(busy.thread()).orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> !recording.isSampling());
            StackTree tree = recording.stop();
            assertThat(tree.samples()).isEqualTo(5);
            assertThat(tree.samplesCapped()).isTrue();
        }
    }

    @Test
    void deepStacksKeepTheirInnermostFramesUnderATruncatedRoot() throws Exception {
        Sampler sampler = Sampler.builder().interval(Duration.ofMillis(1)).maxDepth(8).build();
        try (BusyThread busy = new BusyThread(50)) {
            Recording recording = sampler.start(busy.thread()).orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> recording.samples() >= 5);
            StackTree tree = recording.stop();
            assertThat(tree.truncatedStacks()).isEqualTo(tree.samples());
            assertThat(tree.root().children()).extracting(FrameNode::name).containsExactly("[truncated]");
            assertThat(depth(tree.root())).isEqualTo(1 + 1 + 8);
            assertThat(tree.root().samplesIn(BusyThread.SPIN)).isGreaterThan(0);
        }
    }

    @Test
    void delayedRecordingStoppedBeforeItsDelayIsNeverSampled() throws Exception {
        Sampler sampler = Sampler.builder().build();
        try (BusyThread busy = new BusyThread()) {
            Recording recording = sampler.startAfter(busy.thread(), Duration.ofHours(1), Duration.ofMillis(1)).orElseThrow();
            assertThat(recording.hasStarted()).isFalse();
            StackTree tree = recording.stop();
            assertThat(recording.hasStarted()).isFalse();
            assertThat(tree.samples()).isZero();
            assertThat(sampler.activeRecordings()).isZero();
        }
    }

    @Test
    void delayedRecordingSamplesOnceItsDelayHasPassed() throws Exception {
        Sampler sampler = Sampler.builder().build();
        try (BusyThread busy = new BusyThread()) {
            Recording recording = sampler.startAfter(busy.thread(), Duration.ofMillis(5), Duration.ofMillis(1)).orElseThrow();
            await().atMost(Duration.ofSeconds(20)).until(() -> recording.samples() >= 3);
            assertThat(recording.hasStarted()).isTrue();
            assertThat(sampler.activeRecordings()).isEqualTo(1);
            assertThat(recording.stop().root().samplesIn(BusyThread.SPIN)).isGreaterThan(0);
            assertThat(sampler.activeRecordings()).isZero();
        }
    }

    @Test
    void delayedRecordingIsSkippedWhenTheCapIsFullAtItsDelay() throws Exception {
        SamplingLoop loop = new SamplingLoop(StackSource.batched(), "test-sampler-cap", false);
        Sampler sampler = Sampler.builder().maxConcurrentRecordings(1).loop(loop).build();
        try (BusyThread busy = new BusyThread()) {
            Recording holder = sampler.start(busy.thread()).orElseThrow();
            Recording delayed = sampler.startAfter(busy.thread(), Duration.ZERO, Duration.ofMillis(1)).orElseThrow();
            loop.tick();
            assertThat(delayed.hasStarted()).isFalse();
            assertThat(delayed.isSampling()).isFalse();
            assertThat(delayed.stop().samples()).isZero();
            assertThat(sampler.activeRecordings()).isEqualTo(1);
            holder.stop();
            assertThat(sampler.activeRecordings()).isZero();
            assertThat(loop.tick()).isEqualTo(-1);
        }
    }

    @Test
    void oneBatchedCallPerTickSamplesOnlyTheRecordedThreads() throws Exception {
        List<long[]> calls = new ArrayList<>();
        StackSource real = StackSource.batched();
        SamplingLoop loop = new SamplingLoop((threads, ids, count, depth) -> {
            calls.add(java.util.Arrays.copyOf(ids, count));
            return real.stacks(threads, ids, count, depth);
        }, "test-sampler", false);
        Sampler sampler = Sampler.builder().loop(loop).build();
        try (BusyThread a = new BusyThread(); BusyThread b = new BusyThread(); BusyThread unprofiled = new BusyThread()) {
            Recording ra = sampler.startAfter(a.thread(), Duration.ZERO, Duration.ofMillis(10)).orElseThrow();
            Recording rb = sampler.startAfter(b.thread(), Duration.ZERO, Duration.ofMillis(10)).orElseThrow();
            loop.tick();
            assertThat(calls).hasSize(1);
            assertThat(calls.get(0)).containsExactlyInAnyOrder(a.thread().getId(), b.thread().getId())
                    .doesNotContain(unprofiled.thread().getId());
            assertThat(ra.samples()).isEqualTo(1);
            assertThat(rb.samples()).isEqualTo(1);
            ra.stop();
            rb.stop();
            assertThat(loop.tick()).isEqualTo(-1);
            assertThat(calls).hasSize(1);
        }
    }

    @Test
    void bothStackSourcesSampleOnlyTheGivenThreadsInnermostFirst() throws Exception {
        try (BusyThread busy = new BusyThread(3)) {
            Thread[] threads = {busy.thread()};
            long[] ids = {busy.thread().getId()};
            for (StackSource source : List.of(StackSource.batched(), StackSource.perThread(), StackSource.forThisJvm())) {
                StackTraceElement[][] stacks = source.stacks(threads, ids, 1, 64);
                assertThat(stacks).hasDimensions(1, stacks[0].length);
                assertThat(stacks[0]).extracting(StackTraceElement::getMethodName).contains("recurse");
                assertThat(stacks[0][stacks[0].length - 1].getMethodName()).isEqualTo("run");
            }
        }
    }

    @Test
    void deadSamplerThreadIsLoggedAndReplaced() throws Exception {
        AtomicBoolean failed = new AtomicBoolean();
        StackSource real = StackSource.batched();
        SamplingLoop loop = new SamplingLoop((threads, ids, count, depth) -> {
            if (failed.compareAndSet(false, true)) {
                throw new StackOverflowError("injected");
            }
            return real.stacks(threads, ids, count, depth);
        }, "test-sampler-restart");
        Sampler sampler = Sampler.builder().interval(Duration.ofMillis(1)).loop(loop).build();
        try (BusyThread busy = new BusyThread()) {
            Recording recording = sampler.start(busy.thread()).orElseThrow();
            Thread first = loop.thread();
            await().atMost(Duration.ofSeconds(20)).until(() -> recording.samples() >= 3);
            assertThat(loop.restarts()).isEqualTo(1);
            assertThat(loop.thread()).isNotSameAs(first);
            assertThat(loop.thread().isDaemon()).isTrue();
            recording.stop();
        }
    }

    @Test
    void jitterSpreadsIntervalsEvenly() {
        Sampler sampler = Sampler.builder().jitter(0.2).build();
        assertThat(sampler.nextDelay(1_000_000, 0.0)).isEqualTo(800_000);
        assertThat(sampler.nextDelay(1_000_000, 0.5)).isEqualTo(1_000_000);
        assertThat(sampler.nextDelay(1_000_000, 1.0)).isEqualTo(1_200_000);
    }

    @Test
    void badSettingsFailAtBuildNamingTheSetting() {
        assertThatThrownBy(() -> Sampler.builder().interval(Duration.ofNanos(10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must be at least 1 ms, but was PT0.00000001S");
        assertThatThrownBy(() -> Sampler.builder().jitter(1.5).build())
                .hasMessage("jitter must be between 0 and 0.9, but was 1.5");
        assertThatThrownBy(() -> Sampler.builder().maxConcurrentRecordings(0).build())
                .hasMessage("maxConcurrentRecordings must be at least 1, but was 0");
        assertThatThrownBy(() -> Sampler.builder().maxDepth(5000).build())
                .hasMessage("maxDepth must be between 1 and 2048, but was 5000");
        assertThatThrownBy(() -> Sampler.builder().maxNodes(3).build())
                .hasMessage("maxNodes must be at least 16, but was 3");
    }

    private static int depth(FrameNode node) {
        int max = 0;
        for (FrameNode child : node.children()) {
            max = Math.max(max, depth(child));
        }
        return 1 + max;
    }
}
