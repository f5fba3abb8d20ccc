package dev.ludicrous.profiling;

import java.time.Duration;

/** Builds call trees from collapsed-stack lines, for tests. */
final class Trees {
    private Trees() {
    }

    /** Each line is {@code a.A.f;b.B.g 3}. */
    static FrameNode of(String... lines) {
        FrameTree tree = new FrameTree(10_000);
        for (String line : lines) {
            int space = line.lastIndexOf(' ');
            String[] frames = line.substring(0, space).split(";");
            long count = Long.parseLong(line.substring(space + 1));
            String[] classes = new String[frames.length];
            String[] methods = new String[frames.length];
            for (int i = 0; i < frames.length; i++) {
                int dot = frames[i].lastIndexOf('.');
                classes[i] = dot < 0 ? frames[i] : frames[i].substring(0, dot);
                methods[i] = dot < 0 ? "" : frames[i].substring(dot + 1);
            }
            tree.add(classes, methods, frames.length, count);
        }
        return tree.snapshot();
    }

    static StackTree stacks(String... lines) {
        return new StackTree(of(lines), Duration.ofMillis(10), 0, 0, false);
    }

    static Profile profile(String route, long wallMillis, String... lines) {
        return Profile.builder(stacks(lines)).method("GET").route(route).path(route)
                .wallTime(Duration.ofMillis(wallMillis)).status(200).reason("trigger").build();
    }
}
