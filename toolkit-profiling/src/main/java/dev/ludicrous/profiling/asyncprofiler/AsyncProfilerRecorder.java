package dev.ludicrous.profiling.asyncprofiler;

import dev.ludicrous.profiling.StackRecorder;
import dev.ludicrous.profiling.StackRecording;
import dev.ludicrous.profiling.StackTree;
import dev.ludicrous.profiling.internal.CollapsedParser;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import one.profiler.AsyncProfiler;
import one.profiler.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records a request's thread with async-profiler ({@code tools.profiler:async-profiler}, which
 * carries its native library for Linux x64/arm64 and macOS) instead of the JDK sampler: no
 * safepoint bias, and {@code cpu} or {@code alloc} profiles besides {@code wall}.
 *
 * <p>async-profiler runs one session per JVM, so this recorder profiles <em>one request at a
 * time</em>; while it is busy {@link #start} returns empty and {@code ProfilingFilter} falls back
 * to its JDK {@code Sampler}. Obtain it with {@link #ifAvailable(String)}, which is empty when the
 * jar is absent or its native library does not load on this platform. Thread-safe.
 */
public final class AsyncProfilerRecorder implements StackRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncProfilerRecorder.class);
    private static final Set<String> EVENTS = Set.of("wall", "cpu", "alloc");

    private final AsyncProfiler profiler;
    private final String event;
    private final AtomicBoolean busy = new AtomicBoolean();

    private AsyncProfilerRecorder(AsyncProfiler profiler, String event) {
        this.profiler = profiler;
        this.event = event;
    }

    /**
     * Returns a recorder of {@code event} if async-profiler is on the class path and loads here.
     *
     * @param event {@code wall} (time on the thread, running or waiting), {@code cpu} (running
     *     only) or {@code alloc} (allocated bytes, sampled every 512 KiB)
     * @return the recorder, or empty (logged once at INFO) when async-profiler cannot run here
     * @throws IllegalArgumentException for another event
     */
    public static Optional<AsyncProfilerRecorder> ifAvailable(String event) {
        if (!EVENTS.contains(event)) {
            throw new IllegalArgumentException("event must be wall, cpu or alloc, but was " + event);
        }
        try {
            Class.forName("one.profiler.AsyncProfiler", false, AsyncProfilerRecorder.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            LOG.info("async-profiler is not on the class path; profiling with the JDK sampler");
            return Optional.empty();
        }
        try {
            AsyncProfiler profiler = AsyncProfiler.getInstance();
            String version = profiler.getVersion();
            LOG.info("async-profiler {} loaded; recording '{}' profiles of one request at a time", version, event);
            return Optional.of(new AsyncProfilerRecorder(profiler, event));
        } catch (Throwable e) {
            // UnsatisfiedLinkError on an unsupported platform, SecurityException, ...
            LOG.info("async-profiler does not load here ({}); profiling with the JDK sampler", e.toString());
            return Optional.empty();
        }
    }

    /**
     * Returns the event this recorder records.
     *
     * @return {@code wall}, {@code cpu} or {@code alloc}
     */
    public String event() {
        return event;
    }

    @Override
    public Optional<StackRecording> start(Thread thread, Duration interval) {
        if (!busy.compareAndSet(false, true)) {
            return Optional.empty();
        }
        try {
            String rate = event.equals("alloc") ? "512k" : Math.max(1, interval.toMillis()) + "ms";
            profiler.execute("start,event=" + event + ",interval=" + rate + ",filter,cstack=no");
            profiler.addThread(thread);
            return Optional.of(new Session(thread, interval));
        } catch (Exception | LinkageError e) {
            busy.set(false);
            LOG.warn("async-profiler could not start ({}); this request falls back to the JDK sampler", e.toString());
            return Optional.empty();
        }
    }

    /**
     * async-profiler writes Java frames with the JVM's internal class names
     * ({@code com/example/Cart.total}); the JDK sampler and the frame filter use binary names.
     */
    static String javaName(String frame) {
        if (frame.indexOf('/') < 0 || frame.contains("::") || frame.indexOf(' ') >= 0 || frame.startsWith("[")) {
            return frame;
        }
        return frame.replace('/', '.');
    }

    /** One async-profiler session, for one thread. */
    private final class Session implements StackRecording {
        private final Thread thread;
        private final Duration interval;
        private StackTree result;

        Session(Thread thread, Duration interval) {
            this.thread = thread;
            this.interval = interval;
        }

        @Override
        public synchronized StackTree stop() {
            if (result != null) {
                return result;
            }
            try {
                profiler.execute("stop");
                result = new StackTree(CollapsedParser.parse(profiler.dumpCollapsed(Counter.SAMPLES), 4_096,
                        AsyncProfilerRecorder::javaName), interval, 0, 0,
                        false);
            } catch (Exception | LinkageError e) {
                LOG.warn("async-profiler could not stop cleanly ({}); the profile is empty", e.toString());
                result = StackTree.empty(interval);
            } finally {
                try {
                    profiler.removeThread(thread);
                } finally {
                    busy.set(false);
                }
            }
            return result;
        }
    }
}
