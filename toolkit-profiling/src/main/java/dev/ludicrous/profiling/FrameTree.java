package dev.ludicrous.profiling;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The mutable call tree one recording folds its samples into. Confined to one thread at a time
 * (the sampler thread while recording, the caller of {@link #snapshot()} afterwards).
 *
 * <p>Bounded: when the tree holds {@code maxNodes} frames, a sample whose path needs a new frame
 * is counted on the deepest frame that already exists, and {@link #droppedFrames()} says how often.
 */
final class FrameTree {
    static final String ROOT = "all";

    private final Node root = new Node(ROOT, "");
    private final int maxNodes;
    private int nodes = 1;
    private long samples;
    private long droppedFrames;

    FrameTree(int maxNodes) {
        this.maxNodes = maxNodes;
    }

    /**
     * Adds one sample. {@code classes} and {@code methods} run from the outermost frame (index 0)
     * to the innermost one; only the first {@code length} entries are read.
     */
    void add(String[] classes, String[] methods, int length, long weight) {
        Node node = root;
        node.total += weight;
        for (int i = 0; i < length; i++) {
            Node child = node.child(classes[i], methods[i]);
            if (child == null) {
                if (nodes >= maxNodes) {
                    droppedFrames += weight;
                    break;
                }
                child = new Node(classes[i], methods[i]);
                node.children.add(child);
                nodes++;
            }
            child.total += weight;
            node = child;
        }
        node.self += weight;
        samples += weight;
    }

    /** Adds one sample given as {@link StackTraceElement}s, innermost first (as the JDK returns them). */
    void add(StackTraceElement[] stack, int length, String[] classScratch, String[] methodScratch) {
        for (int i = 0; i < length; i++) {
            StackTraceElement frame = stack[length - 1 - i];
            classScratch[i] = frame.getClassName();
            methodScratch[i] = frame.getMethodName();
        }
        add(classScratch, methodScratch, length, 1);
    }

    long samples() {
        return samples;
    }

    long droppedFrames() {
        return droppedFrames;
    }

    int nodes() {
        return nodes;
    }

    FrameNode snapshot() {
        return root.freeze();
    }

    private static final class Node {
        private static final Comparator<FrameNode> MOST_SAMPLES_FIRST =
                Comparator.comparingLong(FrameNode::total).reversed().thenComparing(FrameNode::name);

        final String className;
        final String methodName;
        final List<Node> children = new ArrayList<>(2);
        long total;
        long self;

        Node(String className, String methodName) {
            this.className = className;
            this.methodName = methodName;
        }

        // A linear scan: fan-out per frame is small in practice, and it avoids building a key
        // string per frame per sample on the sampler thread.
        Node child(String cls, String method) {
            for (int i = 0, n = children.size(); i < n; i++) {
                Node child = children.get(i);
                if (child.methodName.equals(method) && child.className.equals(cls)) {
                    return child;
                }
            }
            return null;
        }

        FrameNode freeze() {
            List<FrameNode> frozen = new ArrayList<>(children.size());
            for (Node child : children) {
                frozen.add(child.freeze());
            }
            frozen.sort(MOST_SAMPLES_FIRST);
            String name = methodName.isEmpty() ? className : className + "." + methodName;
            return new FrameNode(name, total, self, frozen);
        }
    }
}
