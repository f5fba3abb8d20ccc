package dev.ludicrous.benchmarks.profiling;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Closed-loop clients on keep-alive connections, driven slice by slice: {@link #run} sends one
 * request path for a given time from every client, waits for all of them to finish their last
 * request, and returns what the slice cost: requests, wall time, and the process's CPU time and
 * allocation minus the clients' own (read per thread), so that what is left is the server's.
 * Between slices the clients wait at a barrier, so no request of one slice overlaps the next.
 */
final class SliceDriver implements AutoCloseable {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /**
     * What one slice measured. The server's CPU time is split by who spent it: the threads serving
     * requests (Jetty's pool), the profiler's sampler thread, and the rest of the process but the
     * clients: the JVM's own threads (garbage collection, the JIT, the VM thread that runs
     * safepoints), which no Java thread list shows.
     */
    record Slice(long requests, double seconds, long serverCpuNanos, long serverAllocatedBytes, long requestThreadCpuNanos,
            long samplerCpuNanos) {
        double throughput() {
            return requests / seconds;
        }

        double cpuMicrosPerRequest() {
            return perRequest(serverCpuNanos);
        }

        double requestThreadMicrosPerRequest() {
            return perRequest(requestThreadCpuNanos);
        }

        double samplerMicrosPerRequest() {
            return perRequest(samplerCpuNanos);
        }

        double jvmMicrosPerRequest() {
            return perRequest(serverCpuNanos - requestThreadCpuNanos - samplerCpuNanos);
        }

        private double perRequest(long nanos) {
            return requests == 0 ? Double.NaN : nanos / 1e3 / requests;
        }

        double allocatedKbPerRequest() {
            return requests == 0 ? Double.NaN : serverAllocatedBytes / 1024.0 / requests;
        }
    }

    private final List<Thread> threads = new ArrayList<>();
    private final long[] clientIds;
    private final long[] counts;
    private final CyclicBarrier start;
    private final CyclicBarrier end;
    private volatile byte[] request;
    private volatile long deadline;
    private volatile boolean closed;
    private volatile String failure;

    SliceDriver(String host, int port, int clients) throws IOException {
        counts = new long[clients];
        clientIds = new long[clients];
        start = new CyclicBarrier(clients + 1);
        end = new CyclicBarrier(clients + 1);
        for (int c = 0; c < clients; c++) {
            KeepAliveClient client = new KeepAliveClient(host, port);
            int index = c;
            Thread thread = new Thread(() -> loop(client, index), "paired-client-" + c);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
            clientIds[c] = thread.getId();
        }
    }

    /** Every client sends {@code requestBytes} in a loop for {@code nanos}; returns once all are done. */
    Slice run(byte[] requestBytes, long nanos) throws InterruptedException {
        request = requestBytes;
        java.util.Map<Long, Long> serving0 = cpuByThread("qtp");
        java.util.Map<Long, Long> sampler0 = cpuByThread("ludicrous-profiler-sampler");
        long cpu0 = OS.getProcessCpuTime();
        long clientCpu0 = cpu(clientIds);
        long[] ids = THREADS.getAllThreadIds();
        long[] allocated0 = THREADS.getThreadAllocatedBytes(ids);
        long started = System.nanoTime();
        deadline = started + nanos;
        await(start);
        await(end);
        double seconds = (System.nanoTime() - started) / 1e9;
        long cpu = OS.getProcessCpuTime() - cpu0 - (cpu(clientIds) - clientCpu0);
        long servingCpu = cpuSince(serving0, "qtp");
        long samplerCpu = cpuSince(sampler0, "ludicrous-profiler-sampler");
        long[] allocated1 = THREADS.getThreadAllocatedBytes(ids);
        long allocated = 0;
        for (int i = 0; i < ids.length; i++) {
            if (allocated0[i] >= 0 && allocated1[i] >= 0 && !isClient(ids[i])) {
                allocated += allocated1[i] - allocated0[i];
            }
        }
        if (failure != null) {
            throw new IllegalStateException("a client failed: " + failure);
        }
        long total = 0;
        for (int c = 0; c < counts.length; c++) {
            total += counts[c];
            counts[c] = 0;
        }
        return new Slice(total, seconds, cpu, allocated, servingCpu, samplerCpu);
    }

    private void loop(KeepAliveClient client, int index) {
        try (client) {
            while (true) {
                await(start);
                if (closed) {
                    return;
                }
                long n = 0;
                byte[] bytes = request;
                long until = deadline;
                try {
                    while (System.nanoTime() < until) {
                        int status = client.send(bytes);
                        if (status != 200) {
                            throw new IOException("status " + status);
                        }
                        n++;
                    }
                } catch (IOException e) {
                    failure = e.toString();
                }
                counts[index] = n;
                await(end);
            }
        } catch (IOException | InterruptedException e) {
            failure = e.toString();
        }
    }

    private static long cpu(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, THREADS.getThreadCpuTime(id));
        }
        return sum;
    }

    /** CPU time of each live thread whose name starts with {@code prefix}, by id; found without a safepoint. */
    private static java.util.Map<Long, Long> cpuByThread(String prefix) {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() * 2 + 16];
        int n = root.enumerate(all, true);
        java.util.Map<Long, Long> cpu = new java.util.HashMap<>();
        for (int i = 0; i < n; i++) {
            if (all[i].getName().startsWith(prefix)) {
                long nanos = THREADS.getThreadCpuTime(all[i].getId());
                if (nanos >= 0) {
                    cpu.put(all[i].getId(), nanos);
                }
            }
        }
        return cpu;
    }

    /**
     * CPU used since {@code before} by the threads named {@code prefix} that are alive now; a thread
     * started meanwhile counts whole. The last moments of a thread that ended meanwhile (Jetty
     * retires idle pool threads) are lost to this count and land in the JVM's share.
     */
    private static long cpuSince(java.util.Map<Long, Long> before, String prefix) {
        long sum = 0;
        for (java.util.Map.Entry<Long, Long> now : cpuByThread(prefix).entrySet()) {
            sum += Math.max(0, now.getValue() - before.getOrDefault(now.getKey(), 0L));
        }
        return sum;
    }

    private boolean isClient(long id) {
        for (long c : clientIds) {
            if (c == id) {
                return true;
            }
        }
        return false;
    }

    private static void await(CyclicBarrier barrier) throws InterruptedException {
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the clients stopped answering the slice barrier", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        try {
            start.await(5, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | TimeoutException e) {
            // the clients are daemons: they end with the JVM
        }
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
