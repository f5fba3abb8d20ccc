package dev.ludicrous.profiling;

/** A recording started by a {@link StackRecorder}; stopping it is idempotent. */
public interface StackRecording extends AutoCloseable {
    /**
     * Stops recording and returns what was captured; later calls return the same tree.
     *
     * @return the samples as a call tree
     */
    StackTree stop();

    /** Same as {@link #stop()}, discarding the result. */
    @Override
    default void close() {
        stop();
    }
}
