package dev.ludicrous.profiling;

import java.util.concurrent.CountDownLatch;

/** A thread that spends its time in {@link #spin()} (or a deep recursion) until closed. */
final class BusyThread implements AutoCloseable {
    static final String SPIN = BusyThread.class.getName() + ".spin";

    private final Thread thread;
    private final CountDownLatch running = new CountDownLatch(1);
    private volatile boolean stop;
    volatile double sink;

    BusyThread(int recursionDepth) {
        thread = new Thread(() -> recurse(recursionDepth), "busy-" + recursionDepth);
        thread.setDaemon(true);
        thread.start();
        try {
            running.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    BusyThread() {
        this(0);
    }

    Thread thread() {
        return thread;
    }

    private void recurse(int depth) {
        if (depth > 0) {
            recurse(depth - 1);
        } else {
            spin();
        }
    }

    private void spin() {
        running.countDown();
        double x = 0;
        while (!stop) {
            x += Math.sqrt(x + 1);
        }
        sink = x;
    }

    @Override
    public void close() {
        stop = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping " + thread.getName(), e);
        }
    }
}
