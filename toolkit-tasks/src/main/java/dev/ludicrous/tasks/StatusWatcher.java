package dev.ludicrous.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads recorded task states for {@link RemoteHandle}s. One thread per {@link Tasks}, started on
 * the first {@code completion()}, polls every awaited handle that is due in one round trip, each
 * backing off from 25 ms to 500 ms: no connection is held per waiter, and nothing is read while
 * nobody waits. Polling rather than pub/sub, so that workers publish nothing on the hot path.
 */
final class StatusWatcher {
    private static final Logger LOG = LoggerFactory.getLogger(StatusWatcher.class);
    static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    static final int MAX_WATCHED = 100_000;
    private static final int READ_BATCH = 1_000;

    private final Broker broker;
    private final DelayQueue<Watch> due = new DelayQueue<>();
    private final AtomicInteger watched = new AtomicInteger();
    private Thread thread;
    private volatile boolean closed;
    private volatile boolean failing;

    StatusWatcher(Broker broker) {
        this.broker = broker;
    }

    /** Reads one state now; {@code null} when the broker cannot be reached (logged once per outage). */
    TaskState read(String id) {
        try {
            TaskState state = broker.states(List.of(id)).get(0);
            recovered();
            return state;
        } catch (RuntimeException e) {
            failed(e);
            return null;
        }
    }

    void watch(RemoteHandle handle) {
        if (closed) {
            handle.fail(new IllegalStateException("task " + handle.id() + " cannot be awaited: Tasks is closed"));
            return;
        }
        if (watched.incrementAndGet() > MAX_WATCHED) {
            watched.decrementAndGet();
            handle.fail(new IllegalStateException("task " + handle.id() + " cannot be awaited: " + MAX_WATCHED
                    + " handles are awaited already; wait for fewer at once"));
            return;
        }
        start();
        due.add(new Watch(handle, FIRST_POLL_NANOS));
    }

    private synchronized void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::loop, "ludicrous-tasks-status");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void loop() {
        List<Watch> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(due.take());
            } catch (InterruptedException e) {
                continue; // closed is checked by the loop
            }
            due.drainTo(batch, READ_BATCH - 1);
            poll(batch);
            batch.clear();
        }
    }

    private void poll(List<Watch> batch) {
        List<String> ids = new ArrayList<>(batch.size());
        for (Watch w : batch) {
            ids.add(w.handle.id());
        }
        List<TaskState> states;
        try {
            states = broker.states(ids);
            recovered();
        } catch (RuntimeException e) {
            failed(e);
            states = null;
        }
        for (int i = 0; i < batch.size(); i++) {
            Watch w = batch.get(i);
            if (states != null && w.handle.apply(states.get(i))) {
                watched.decrementAndGet();
            } else if (closed) {
                cancel(w);
            } else {
                due.add(w.next());
            }
        }
    }

    private void failed(RuntimeException e) {
        if (!failing) {
            failing = true;
            // The broker's message says what could not be read and why.
            LOG.warn("{}; task handles keep their last known status until it can be read again", e.getMessage());
        }
    }

    private void recovered() {
        if (failing) {
            failing = false;
            LOG.info("Task states can be read again");
        }
    }

    private void cancel(Watch w) {
        watched.decrementAndGet();
        w.handle.fail(new IllegalStateException("task " + w.handle.id() + " had not ended when Tasks was closed"));
    }

    /** Stops polling; every stage still waiting fails with {@link IllegalStateException}. */
    void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = thread;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Watch> left = new ArrayList<>(due); // every element, due or not
        due.clear();
        left.forEach(this::cancel);
    }

    /** One awaited handle and when to read it next. */
    private static final class Watch implements Delayed {
        final RemoteHandle handle;
        final long intervalNanos;
        final long atNanos;

        Watch(RemoteHandle handle, long intervalNanos) {
            this.handle = handle;
            this.intervalNanos = intervalNanos;
            this.atNanos = System.nanoTime() + intervalNanos;
        }

        Watch next() {
            return new Watch(handle, Math.min(MAX_POLL_NANOS, intervalNanos * 2));
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(atNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(atNanos, ((Watch) other).atNanos);
        }
    }
}
