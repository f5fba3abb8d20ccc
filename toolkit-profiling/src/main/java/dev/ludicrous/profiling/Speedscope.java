package dev.ludicrous.profiling;

import dev.ludicrous.profiling.internal.Escape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a profile in speedscope's file format (https://www.speedscope.app/file-format-schema.json):
 * one {@code sampled} profile whose weights are sample counts, which speedscope, and tools that
 * import its format, open as a flame chart, left-heavy view and sandwich table.
 */
public final class Speedscope {
    private Speedscope() {
    }

    /**
     * Returns the speedscope JSON document of {@code profile}, with the call tree {@code root}
     * (usually {@code filter.fold(profile.stacks().root())}).
     *
     * @param profile the profile, for its name
     * @param root the call tree to write
     * @return a JSON document, UTF-8 text
     */
    public static String json(Profile profile, FrameNode root) {
        Map<String, Integer> frameIndex = new HashMap<>();
        List<String> frames = new ArrayList<>();
        List<int[]> samples = new ArrayList<>();
        List<Long> weights = new ArrayList<>();
        collect(root, new int[256], 0, true, frameIndex, frames, samples, weights);

        String name = profile.method() + " " + profile.path() + " (" + profile.reason() + ", " + profile.id() + ")";
        StringBuilder out = new StringBuilder(256 + frames.size() * 48 + samples.size() * 24);
        out.append("{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\",\"shared\":{\"frames\":[");
        for (int i = 0; i < frames.size(); i++) {
            out.append(i == 0 ? "" : ",").append("{\"name\":");
            Escape.json(out, frames.get(i));
            out.append('}');
        }
        out.append("]},\"profiles\":[{\"type\":\"sampled\",\"name\":");
        Escape.json(out, name);
        out.append(",\"unit\":\"none\",\"startValue\":0,\"endValue\":").append(root.total()).append(",\"samples\":[");
        for (int i = 0; i < samples.size(); i++) {
            out.append(i == 0 ? "[" : ",[");
            int[] stack = samples.get(i);
            for (int j = 0; j < stack.length; j++) {
                out.append(j == 0 ? "" : ",").append(stack[j]);
            }
            out.append(']');
        }
        out.append("],\"weights\":[");
        for (int i = 0; i < weights.size(); i++) {
            out.append(i == 0 ? "" : ",").append(weights.get(i));
        }
        out.append("]}],\"name\":");
        Escape.json(out, name);
        out.append(",\"activeProfileIndex\":0,\"exporter\":\"ludicrous-profiling\"}");
        return out.toString();
    }

    private static void collect(FrameNode node, int[] path, int depth, boolean isRoot, Map<String, Integer> frameIndex,
            List<String> frames, List<int[]> samples, List<Long> weights) {
        int[] stack = path;
        int nextDepth = depth;
        if (!isRoot) {
            if (depth == stack.length) {
                stack = java.util.Arrays.copyOf(stack, depth * 2);
            }
            stack[depth] = frameIndex.computeIfAbsent(node.name(), name -> {
                frames.add(name);
                return frames.size() - 1;
            });
            nextDepth = depth + 1;
            if (node.self() > 0) {
                samples.add(java.util.Arrays.copyOf(stack, nextDepth));
                weights.add(node.self());
            }
        }
        for (FrameNode child : node.children()) {
            collect(child, stack, nextDepth, false, frameIndex, frames, samples, weights);
        }
    }
}
