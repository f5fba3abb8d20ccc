package dev.ludicrous.profiling;

import java.time.Duration;
import java.util.Objects;

/**
 * What one {@link Recording} captured: the call tree of its samples and how complete it is.
 *
 * @param root the call tree; its {@link FrameNode#total()} is the number of samples
 * @param interval the nominal time between two samples (each sample stands for about this long)
 * @param truncatedStacks samples whose stack was deeper than the sampler's {@code maxDepth}: their
 *     outermost frames are replaced by one {@code [truncated]} frame
 * @param droppedFrames samples counted on a shallower frame because the tree had reached
 *     {@code maxNodes}
 * @param samplesCapped whether sampling stopped early because the recording reached
 *     {@code maxSamplesPerRecording}
 */
public record StackTree(FrameNode root, Duration interval, long truncatedStacks, long droppedFrames,
        boolean samplesCapped) {
    /**
     * Checks that nothing is null.
     *
     * @param root the call tree
     * @param interval the nominal time between two samples
     * @param truncatedStacks samples whose stack was cut at {@code maxDepth}
     * @param droppedFrames samples counted on a shallower frame at the node bound
     * @param samplesCapped whether sampling stopped at the sample bound
     */
    public StackTree {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(interval, "interval");
    }

    /**
     * Returns the number of samples in the tree.
     *
     * @return the root's total
     */
    public long samples() {
        return root.total();
    }

    /**
     * Returns an empty tree, for a request that was never sampled.
     *
     * @param interval the interval it would have been sampled at
     * @return a tree with a root and no samples
     */
    public static StackTree empty(Duration interval) {
        return new StackTree(new FrameNode(FrameTree.ROOT, 0, 0, java.util.List.of()), interval, 0, 0, false);
    }
}
