package dev.ludicrous.profiling.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time and allocated bytes of the current thread, where the JVM measures them; -1 where it
 * does not (or where measuring is switched off).
 */
public final class ThreadCost {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean HOTSPOT = THREADS instanceof com.sun.management.ThreadMXBean hotspot
            && hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled() ? hotspot : null;
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

    private ThreadCost() {
    }

    /**
     * Returns the CPU time the current thread has used, in nanoseconds.
     *
     * @return nanoseconds, or -1 when the JVM does not measure it
     */
    public static long cpuNanos() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : -1;
    }

    /**
     * Returns the bytes the current thread has allocated since it started.
     *
     * @return bytes, or -1 when the JVM does not measure it
     */
    public static long allocatedBytes() {
        // The current-thread variant reads the thread's own counter; the by-id one looks the
        // thread up in the JVM's thread list first.
        return HOTSPOT == null ? -1 : HOTSPOT.getCurrentThreadAllocatedBytes();
    }

    /**
     * Returns {@code end - start}, or -1 when either was not measured.
     *
     * @param start the first reading
     * @param end the second reading
     * @return the difference, or -1
     */
    public static long delta(long start, long end) {
        return start < 0 || end < 0 ? -1 : Math.max(0, end - start);
    }
}
