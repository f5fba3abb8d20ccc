package dev.ludicrous.profiling;

import java.util.ArrayList;
import java.util.List;

/**
 * Writes a call tree as collapsed stacks: one line per distinct stack, frames from the outermost
 * to the innermost separated by {@code ;}, a space and the sample count
 * ({@code a;b;c 12}), as Brendan Gregg's {@code flamegraph.pl}, speedscope and most flame graph
 * tools read them.
 */
public final class CollapsedStacks {
    private CollapsedStacks() {
    }

    /**
     * Returns the collapsed stacks of {@code root}'s subtree (the root itself is not a frame),
     * sorted, each line ended by {@code \n}. A {@code ;} or white space inside a frame name is
     * replaced so that each line stays parseable.
     *
     * @param root a call tree, usually folded with a {@link FrameFilter}
     * @return the text, empty when there are no samples
     */
    public static String format(FrameNode root) {
        List<String> lines = new ArrayList<>();
        StringBuilder prefix = new StringBuilder();
        for (FrameNode child : root.children()) {
            collect(child, prefix, lines);
        }
        lines.sort(null);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static void collect(FrameNode node, StringBuilder prefix, List<String> lines) {
        int mark = prefix.length();
        if (mark > 0) {
            prefix.append(';');
        }
        appendSafe(prefix, node.name());
        if (node.self() > 0) {
            lines.add(prefix + " " + node.self());
        }
        for (FrameNode child : node.children()) {
            collect(child, prefix, lines);
        }
        prefix.setLength(mark);
    }

    private static void appendSafe(StringBuilder out, String frame) {
        for (int i = 0; i < frame.length(); i++) {
            char c = frame.charAt(i);
            out.append(c == ';' ? ':' : Character.isWhitespace(c) || Character.isISOControl(c) ? '_' : c);
        }
    }
}
