package dev.ludicrous.profiling.internal;

import dev.ludicrous.profiling.FrameNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads collapsed stacks ({@code a;b;c 12}) into a call tree, bounded by a node count. */
public final class CollapsedParser {
    private CollapsedParser() {
    }

    /**
     * Parses collapsed-stack text; malformed lines are skipped, and past {@code maxNodes} frames
     * a stack's samples are counted on the deepest frame already in the tree.
     *
     * @param text lines of {@code frame;frame;... count}
     * @param maxNodes the node bound
     * @param frameName maps each frame name as read to the name kept
     * @return the tree, rooted at {@code all}
     */
    public static FrameNode parse(String text, int maxNodes, java.util.function.UnaryOperator<String> frameName) {
        Node root = new Node("all");
        int[] nodes = {1};
        for (String line : text.split("\n")) {
            int space = line.lastIndexOf(' ');
            if (space <= 0) {
                continue;
            }
            long count;
            try {
                count = Long.parseLong(line.substring(space + 1).trim());
            } catch (NumberFormatException e) {
                continue;
            }
            Node node = root;
            node.total += count;
            for (String read : line.substring(0, space).split(";")) {
                String frame = frameName.apply(read);
                Node child = node.children.get(frame);
                if (child == null) {
                    if (nodes[0] >= maxNodes) {
                        break;
                    }
                    child = new Node(frame);
                    node.children.put(frame, child);
                    nodes[0]++;
                }
                child.total += count;
                node = child;
            }
            node.self += count;
        }
        return root.freeze();
    }

    private static final class Node {
        final String name;
        final Map<String, Node> children = new LinkedHashMap<>();
        long total;
        long self;

        Node(String name) {
            this.name = name;
        }

        FrameNode freeze() {
            List<FrameNode> frozen = new ArrayList<>(children.size());
            for (Node child : children.values()) {
                frozen.add(child.freeze());
            }
            frozen.sort(Comparator.comparingLong(FrameNode::total).reversed().thenComparing(FrameNode::name));
            return new FrameNode(name, total, self, frozen);
        }
    }
}
