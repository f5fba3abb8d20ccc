package dev.ludicrous.tasks;

/**
 * Interrupts a worker thread when its handler overruns. The lock makes "finished" and "expired"
 * exclusive, so an interrupt never lands after the handler has returned and the worker moved on.
 */
final class TimeLimit implements Runnable {
    private final Thread worker;
    private boolean finished;
    private boolean expired;

    TimeLimit(Thread worker) {
        this.worker = worker;
    }

    @Override
    public synchronized void run() {
        if (!finished) {
            expired = true;
            worker.interrupt();
        }
    }

    /** Marks the handler done; returns whether the limit had already expired (the interrupt is then cleared). */
    synchronized boolean finish() {
        finished = true;
        if (expired) {
            Thread.interrupted();
        }
        return expired;
    }
}
