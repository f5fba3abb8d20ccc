package dev.ludicrous.tasks.redis;

import dev.ludicrous.tasks.TaskMessage;
import dev.ludicrous.tasks.TaskRejectedException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tasks sent while Redis could not be reached, in order, up to a fixed count. A flusher thread,
 * running only while the buffer holds tasks, sends them in batches as soon as Redis answers.
 * The sender's hot path pays one volatile read ({@link #isEmpty()}) while the buffer is empty.
 */
final class OutageBuffer {
    private static final Logger LOG = LoggerFactory.getLogger(OutageBuffer.class);
    private static final int FLUSH_BATCH = 100;
    private static final long FIRST_RETRY_MILLIS = 50;
    private static final long MAX_RETRY_MILLIS = 1_000;
    private static final int IDS_LOGGED = 20;

    private final RedisBroker broker;
    private final int capacity;
    private final ArrayDeque<TaskMessage> waiting = new ArrayDeque<>(); // guarded by this
    private volatile int size;
    private Thread flusher; // guarded by this
    private volatile boolean closed;
    private long flushed; // guarded by this: sent since the outage began, for the log line

    OutageBuffer(RedisBroker broker, int capacity) {
        this.broker = broker;
        this.capacity = capacity;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /**
     * Takes all the messages or none; returns them as pending.
     *
     * @param cause the connection error that sent them here, or {@code null} when they queue
     *     behind tasks already waiting
     */
    List<TaskMessage> add(List<TaskMessage> messages, RuntimeException cause) {
        synchronized (this) {
            if (closed) {
                throw new TaskRejectedException(what(messages) + ": the Redis broker is closed", cause);
            }
            if (waiting.size() + messages.size() > capacity) {
                throw new TaskRejectedException(what(messages) + ": Redis could not be reached and the outage buffer"
                        + " is full (" + waiting.size() + " of " + capacity + " tasks wait for Redis); raise"
                        + " outageBuffer or check Redis", cause);
            }
            boolean first = waiting.isEmpty() && flusher == null;
            waiting.addAll(messages);
            size = waiting.size();
            if (first) {
                flushed = 0;
                LOG.warn("Redis could not be reached: {}; keeping tasks in memory (up to {}) and sending them when it"
                        + " is back", cause == null ? "it did not answer" : cause.getMessage(), capacity);
            }
            if (flusher == null) {
                flusher = new Thread(this::flushLoop, "ludicrous-tasks-redis-outage-flush");
                flusher.setDaemon(true);
                flusher.start();
            }
        }
        return messages;
    }

    private static String what(List<TaskMessage> messages) {
        return messages.size() == 1 ? "task '" + messages.get(0).task() + "' was not queued"
                : messages.size() + " tasks were not queued";
    }

    private void flushLoop() {
        long retry = FIRST_RETRY_MILLIS;
        while (!closed) {
            List<TaskMessage> batch = head();
            if (batch.isEmpty()) {
                return; // head() cleared flusher: a later add starts a new one
            }
            if (sendHead(batch)) {
                retry = FIRST_RETRY_MILLIS;
                continue;
            }
            try {
                Thread.sleep(retry); // waiting for Redis to come back, not for a test condition
            } catch (InterruptedException e) {
                // closed is checked by the loop
            }
            retry = Math.min(MAX_RETRY_MILLIS, retry * 2);
        }
    }

    /** The oldest tasks, up to a batch; when there are none, marks the flusher as gone. */
    private synchronized List<TaskMessage> head() {
        List<TaskMessage> batch = peek();
        if (batch.isEmpty()) {
            flusher = null;
            if (flushed > 0) {
                LOG.info("Redis is reachable again; sent the {} tasks kept while it was not", flushed);
            }
        }
        return batch;
    }

    private synchronized List<TaskMessage> peek() {
        List<TaskMessage> batch = new ArrayList<>(Math.min(FLUSH_BATCH, waiting.size()));
        for (TaskMessage message : waiting) {
            if (batch.size() == FLUSH_BATCH) {
                break;
            }
            batch.add(message);
        }
        return batch;
    }

    /** Sends the oldest tasks and removes them once Redis took them; {@code false} while it cannot. */
    private boolean sendHead(List<TaskMessage> batch) {
        try {
            List<TaskMessage> pending = broker.sendNow(batch);
            for (int i = 0; i < batch.size(); i++) {
                if (!pending.get(i).id().equals(batch.get(i).id()) && LOG.isDebugEnabled()) {
                    LOG.debug("Buffered task '{}' {} was not sent: task {} holds its idempotency key", batch.get(i).task(),
                            batch.get(i).id(), pending.get(i).id());
                }
            }
        } catch (RuntimeException e) {
            return false; // a connection error, or Redis refusing writes for now: both may pass
        }
        synchronized (this) {
            for (int i = 0; i < batch.size(); i++) {
                waiting.pollFirst(); // only this thread removes, so the head is still this batch
            }
            size = waiting.size();
            flushed += batch.size();
        }
        return true;
    }

    /** Stops the flusher, tries once more, and reports what could not be sent. */
    void close() {
        Thread running;
        synchronized (this) {
            closed = true;
            running = flusher;
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<TaskMessage> batch;
        while (!(batch = peek()).isEmpty() && sendHead(batch)) {
            // one last attempt, batch by batch, while Redis takes them
        }
        List<TaskMessage> lost;
        synchronized (this) {
            lost = new ArrayList<>(waiting);
            waiting.clear();
            size = 0;
        }
        if (!lost.isEmpty()) {
            StringJoiner ids = new StringJoiner(", ");
            for (TaskMessage m : lost.subList(0, Math.min(IDS_LOGGED, lost.size()))) {
                ids.add(m.task() + " " + m.id());
            }
            LOG.error("The Redis broker closed with {} tasks kept while Redis could not be reached; they were not sent"
                    + " and are lost: {}{}", lost.size(), ids, lost.size() > IDS_LOGGED ? ", ..." : "");
        }
    }
}
