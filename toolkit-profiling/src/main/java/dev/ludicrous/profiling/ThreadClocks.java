package dev.ludicrous.profiling;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/** CPU time and allocated bytes of another thread, read by the sampler thread; -1 where unmeasured. */
final class ThreadClocks {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.ThreadMXBean HOTSPOT = THREADS instanceof com.sun.management.ThreadMXBean hotspot
            && hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled() ? hotspot : null;
    private static final boolean CPU = THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();

    private ThreadClocks() {
    }

    static long cpuNanos(long threadId) {
        return CPU ? THREADS.getThreadCpuTime(threadId) : -1;
    }

    static long allocatedBytes(long threadId) {
        return HOTSPOT == null ? -1 : HOTSPOT.getThreadAllocatedBytes(threadId);
    }
}
