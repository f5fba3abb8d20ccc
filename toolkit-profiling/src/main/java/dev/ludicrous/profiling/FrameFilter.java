package dev.ludicrous.profiling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Folds away frames that are rarely what a reader is after: the JDK's, the servlet container's and
 * the profiler's own, so that a request's flame graph starts at the application's code.
 *
 * <p>A hidden frame is removed from each stack and its samples stay with the frames around it,
 * with one exception: the first hidden frame below the innermost visible one is kept, so that
 * time spent inside the JDK or a library shows where the application entered it
 * ({@code Report.render;java.lang.String.format}). A stack made only of hidden frames keeps its
 * innermost one. Lambda class names lose their per-run address ({@code Foo$$Lambda/0x...} becomes
 * {@code Foo$$Lambda}) so that runs compare. Immutable.
 */
public final class FrameFilter {
    private static final Pattern LAMBDA_ADDRESS = Pattern.compile("\\$\\$Lambda(?:\\$\\d+)?/0x[0-9a-f]+");
    private static final List<String> DEFAULT_PREFIXES = List.of(
            "java.", "javax.", "jakarta.", "jdk.", "sun.", "com.sun.",
            "org.eclipse.jetty.", "org.apache.catalina.", "org.apache.coyote.", "org.apache.tomcat.",
            "io.undertow.", "org.jboss.threads.",
            "dev.ludicrous.profiling.");
    private static final FrameFilter DEFAULTS = new FrameFilter(DEFAULT_PREFIXES);
    private static final FrameFilter NONE = new FrameFilter(List.of());

    private final List<String> prefixes;

    private FrameFilter(List<String> prefixes) {
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * Returns the filter that hides the JDK ({@code java. javax. jakarta. jdk. sun. com.sun.}),
     * Jetty, Tomcat, Undertow and the profiler itself ({@code dev.ludicrous.profiling.}).
     *
     * @return the default filter
     */
    public static FrameFilter defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a filter that hides nothing (lambda names are still normalised).
     *
     * @return the filter that keeps every frame
     */
    public static FrameFilter none() {
        return NONE;
    }

    /**
     * Returns a filter that hides frames whose name starts with one of {@code prefixes}.
     *
     * @param prefixes package or class prefixes such as {@code org.springframework.}
     * @return a new filter
     */
    public static FrameFilter hiding(List<String> prefixes) {
        for (String prefix : prefixes) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalArgumentException("prefixes must not be blank, but were " + prefixes);
            }
        }
        return new FrameFilter(prefixes);
    }

    /**
     * Returns a filter that hides what this one does and also {@code morePrefixes}.
     *
     * @param morePrefixes further prefixes, such as {@code org.springframework.}
     * @return a new filter
     */
    public FrameFilter alsoHiding(List<String> morePrefixes) {
        List<String> all = new ArrayList<>(prefixes);
        all.addAll(morePrefixes);
        return hiding(all);
    }

    /**
     * Returns the prefixes this filter hides.
     *
     * @return an unmodifiable list
     */
    public List<String> prefixes() {
        return prefixes;
    }

    /**
     * Returns whether a frame is hidden.
     *
     * @param frame a frame name, {@code Class.method}
     * @return whether its name starts with one of the prefixes
     */
    public boolean hides(String frame) {
        if (frame.startsWith("[")) {
            return false;
        }
        for (String prefix : prefixes) {
            if (frame.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the tree with hidden frames folded away; sample counts are unchanged.
     *
     * @param root a call tree, such as {@code profile.stacks().root()}
     * @return a new tree with the same root name and total
     */
    public FrameNode fold(FrameNode root) {
        Builder folded = new Builder(root.name());
        List<String> path = new ArrayList<>();
        walk(root, path, folded, true);
        return folded.freeze();
    }

    private void walk(FrameNode node, List<String> path, Builder folded, boolean isRoot) {
        if (!isRoot) {
            path.add(LAMBDA_ADDRESS.matcher(node.name()).replaceAll("\\$\\$Lambda"));
        }
        if (node.self() > 0) {
            folded.add(visible(path), node.self());
        }
        for (FrameNode child : node.children()) {
            walk(child, path, folded, false);
        }
        if (!isRoot) {
            path.remove(path.size() - 1);
        }
    }

    private List<String> visible(List<String> stack) {
        if (prefixes.isEmpty()) {
            return stack;
        }
        int lastVisible = -1;
        for (int i = stack.size() - 1; i >= 0; i--) {
            if (!hides(stack.get(i))) {
                lastVisible = i;
                break;
            }
        }
        if (lastVisible < 0) {
            return stack.isEmpty() ? stack : List.of(stack.get(stack.size() - 1));
        }
        List<String> kept = new ArrayList<>(lastVisible + 2);
        for (int i = 0; i <= lastVisible; i++) {
            if (!hides(stack.get(i))) {
                kept.add(stack.get(i));
            }
        }
        if (lastVisible + 1 < stack.size()) {
            kept.add(stack.get(lastVisible + 1));
        }
        return kept;
    }

    /** A small mutable tree keyed by frame name, for rebuilding. */
    static final class Builder {
        private final String name;
        private final Map<String, Builder> children = new LinkedHashMap<>();
        private long total;
        private long self;

        Builder(String name) {
            this.name = name;
        }

        void add(List<String> stack, long samples) {
            Builder node = this;
            node.total += samples;
            for (String frame : stack) {
                node = node.children.computeIfAbsent(frame, Builder::new);
                node.total += samples;
            }
            node.self += samples;
        }

        FrameNode freeze() {
            List<FrameNode> frozen = new ArrayList<>(children.size());
            for (Builder child : children.values()) {
                frozen.add(child.freeze());
            }
            frozen.sort(java.util.Comparator.comparingLong(FrameNode::total).reversed().thenComparing(FrameNode::name));
            return new FrameNode(name, total, self, frozen);
        }
    }
}
