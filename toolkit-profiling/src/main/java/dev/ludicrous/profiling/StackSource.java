package dev.ludicrous.profiling;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/** Takes the stacks of several threads at once: one call, so one safepoint, per tick. */
interface StackSource {
    /**
     * Returns the stacks of the first {@code count} threads of {@code threadIds}, innermost frame
     * first, at most {@code maxDepth} frames each; {@code null} for a thread that is gone or cannot
     * be sampled (a virtual thread).
     */
    StackTraceElement[][] stacks(long[] threadIds, int count, int maxDepth);

    /** The JDK's batched {@link ThreadMXBean#getThreadInfo(long[], boolean, boolean, int)}. */
    static StackSource threadMxBean() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return (threadIds, count, maxDepth) -> {
            ThreadInfo[] infos = threads.getThreadInfo(Arrays.copyOf(threadIds, count), false, false, maxDepth);
            StackTraceElement[][] stacks = new StackTraceElement[count][];
            for (int i = 0; i < count; i++) {
                stacks[i] = infos[i] == null ? null : infos[i].getStackTrace();
            }
            return stacks;
        };
    }
}
