package dev.ludicrous.profiling;

import java.time.Duration;
import java.util.Optional;

/**
 * Something that records a thread's stacks for a while: the JDK {@link Sampler}, or another
 * backend such as {@code dev.ludicrous.profiling.asyncprofiler.AsyncProfilerRecorder}.
 */
public interface StackRecorder {
    /**
     * Starts recording {@code thread}.
     *
     * @param thread the thread to record, usually the current one
     * @param interval the time between two samples
     * @return the recording, or empty when the backend is at its limit (the caller may try another)
     */
    Optional<? extends StackRecording> start(Thread thread, Duration interval);
}
