package dev.ludicrous.profiling;

/**
 * A frame and the samples in which it was the innermost frame (its self time).
 *
 * @param name the frame, as {@code fully.qualified.Class.method}
 * @param samples samples in which it was the innermost frame
 */
public record FrameCount(String name, long samples) {
}
