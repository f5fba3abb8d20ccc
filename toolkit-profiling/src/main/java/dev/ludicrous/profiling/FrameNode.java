package dev.ludicrous.profiling;

import java.util.List;
import java.util.Objects;

/**
 * One frame of a profile's call tree: a method, the samples taken while it was on the stack, and
 * the frames it called.
 *
 * <p>Immutable. The root of a tree is a synthetic frame named {@code "all"} whose {@code total}
 * is the number of samples in the profile.
 *
 * @param name the frame, as {@code fully.qualified.Class.method}
 * @param total samples in which this frame was on the stack (its own and its callees')
 * @param self samples in which this frame was the innermost one (or the innermost one kept)
 * @param children the frames it called, most samples first
 */
public record FrameNode(String name, long total, long self, List<FrameNode> children) {
    /**
     * Checks the values and copies {@code children}.
     *
     * @param name the frame, as {@code fully.qualified.Class.method}
     * @param total samples in which this frame was on the stack
     * @param self samples in which this frame was the innermost one
     * @param children the frames it called
     */
    public FrameNode {
        Objects.requireNonNull(name, "name");
        children = List.copyOf(children);
        if (self < 0 || total < self) {
            throw new IllegalArgumentException("total must be >= self >= 0, but was total=" + total + ", self=" + self);
        }
    }

    /**
     * Returns the number of frames in this subtree, this one included.
     *
     * @return the node count
     */
    public int nodeCount() {
        int count = 1;
        for (FrameNode child : children) {
            count += child.nodeCount();
        }
        return count;
    }

    /**
     * Returns the samples in which a frame with this exact name was on the stack, counting each
     * sample once even when the method recursed.
     *
     * @param frameName a name such as {@code com.example.Report.render}
     * @return the number of samples, 0 if the frame never appeared
     */
    public long samplesIn(String frameName) {
        return samplesIn(frameName, false);
    }

    private long samplesIn(String frameName, boolean below) {
        if (name.equals(frameName) && !below) {
            return total;
        }
        long sum = 0;
        for (FrameNode child : children) {
            sum += child.samplesIn(frameName, below);
        }
        return sum;
    }
}
