package dev.ludicrous.profiling;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/** Takes the stacks of the threads due for a sample, once per tick. */
interface StackSource {
    /**
     * Returns the stacks of the first {@code count} threads, innermost frame first, at most
     * {@code maxDepth} frames each where the source can bound it; {@code null} for a thread that
     * is gone or cannot be sampled (a virtual thread).
     */
    StackTraceElement[][] stacks(Thread[] threads, long[] threadIds, int count, int maxDepth);

    /**
     * The JDK's batched {@link ThreadMXBean#getThreadInfo(long[], boolean, boolean, int)}: one call
     * and one global safepoint for all threads, however many.
     */
    static StackSource batched() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        return (threads, threadIds, count, maxDepth) -> {
            ThreadInfo[] infos = mx.getThreadInfo(Arrays.copyOf(threadIds, count), false, false, maxDepth);
            StackTraceElement[][] stacks = new StackTraceElement[count][];
            for (int i = 0; i < count; i++) {
                stacks[i] = infos[i] == null ? null : infos[i].getStackTrace();
            }
            return stacks;
        };
    }

    /**
     * One {@link Thread#getStackTrace()} per thread: on JDK 19 and later a handshake with that
     * thread alone, so the rest of the application never stops; on JDK 17 a global safepoint each.
     */
    static StackSource perThread() {
        return (threads, threadIds, count, maxDepth) -> {
            StackTraceElement[][] stacks = new StackTraceElement[count][];
            for (int i = 0; i < count; i++) {
                StackTraceElement[] stack = threads[i].getStackTrace();
                stacks[i] = stack.length == 0 && !threads[i].isAlive() ? null : stack;
            }
            return stacks;
        };
    }

    /**
     * The cheaper source for this JVM, as measured (docs/profiling.md): batched on JDK 17 and 18,
     * where every stack walk of another thread is a global safepoint anyway, so one for all is
     * best; per thread on JDK 19 and later, where {@code getStackTrace} is a handshake with the
     * one thread but {@code getThreadInfo} still stops the whole JVM.
     */
    static StackSource forThisJvm() {
        return Runtime.version().feature() >= 19 ? perThread() : batched();
    }
}
