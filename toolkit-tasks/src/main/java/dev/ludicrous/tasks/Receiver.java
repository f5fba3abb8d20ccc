package dev.ludicrous.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker node's view of one queue: it takes messages and settles each one exactly once with
 * {@link #ack}, {@link #retry} or {@link #deadLetter}. Thread-safe: the node's worker threads
 * share one receiver.
 */
public interface Receiver {
    /**
     * Takes messages that are due.
     *
     * @param max the most to return, at least 1
     * @param timeout how long to wait when none is due
     * @return the messages; empty when the timeout passed or the receiver is closed
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    List<TaskMessage> poll(int max, Duration timeout) throws InterruptedException;

    /**
     * Waits up to {@code timeout} for the first message of {@code queue}, then takes up to
     * {@code max} in all without waiting: the usual body of {@link #poll} for a receiver that
     * buffers its messages in a queue.
     *
     * @param queue the receiver's buffer
     * @param max the most to return, at least 1
     * @param timeout how long to wait for the first message
     * @return the messages; empty when the timeout passed
     * @throws InterruptedException when the thread is interrupted while waiting
     */
    static List<TaskMessage> pollBatch(BlockingQueue<TaskMessage> queue, int max, Duration timeout)
            throws InterruptedException {
        TaskMessage first = queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (first == null) {
            return List.of();
        }
        if (max == 1) {
            return List.of(first);
        }
        List<TaskMessage> batch = new ArrayList<>(max);
        batch.add(first);
        queue.drainTo(batch, max - 1);
        return batch;
    }

    /**
     * Says that a worker starts the handler, so that a broker that records states marks the task
     * {@link TaskStatus#RUNNING}. It may write that later, or not at all when the task is settled
     * first, but never after the task's settlement.
     *
     * @param delivered a message from {@link #poll}
     */
    default void started(TaskMessage delivered) {
    }

    /**
     * Settles a message whose handler succeeded.
     *
     * @param delivered a message from {@link #poll}
     */
    void ack(TaskMessage delivered);

    /**
     * Settles a message whose handler failed and schedules the next attempt.
     *
     * @param delivered a message from {@link #poll}
     * @param next the next attempt, with its earliest start
     */
    void retry(TaskMessage delivered, TaskMessage next);

    /**
     * Like {@link #retry(TaskMessage, TaskMessage)}, with the failed attempt's error for the task's recorded state.
     *
     * @param delivered a message from {@link #poll}
     * @param next the next attempt, with its earliest start
     * @param error why the attempt failed
     */
    default void retry(TaskMessage delivered, TaskMessage next, String error) {
        retry(delivered, next);
    }

    /**
     * Like {@link #deadLetter(TaskMessage, String, String)}, with the status to record:
     * {@link TaskStatus#FAILED} (the handler threw on its last attempt) or {@link TaskStatus#DEAD}.
     *
     * @param delivered a message from {@link #poll}
     * @param status {@link TaskStatus#FAILED} or {@link TaskStatus#DEAD}
     * @param reason why the task cannot run
     * @param error the error's message, or {@code null}
     */
    default void deadLetter(TaskMessage delivered, TaskStatus status, String reason, String error) {
        deadLetter(delivered, reason, error);
    }

    /**
     * Moves a message to the dead letters.
     *
     * @param delivered a message from {@link #poll}
     * @param reason why the task cannot run, such as {@code handler failed after 4 attempts}
     * @param error the error's message, or {@code null}
     */
    void deadLetter(TaskMessage delivered, String reason, String error);

    /**
     * Hands back a message that was polled but will not be run here (the node is shutting down),
     * so that another worker takes it without waiting for a time-out.
     *
     * @param delivered a message from {@link #poll}
     */
    void release(TaskMessage delivered);

    /** Stops taking messages, hands back what was fetched but not polled, and flushes pending settlements. */
    void close();

    /**
     * Stops at once as a crashed node would: nothing more is settled or handed back. The broker
     * recovers unsettled messages by its own rules (Redis: after the visibility timeout).
     */
    default void abort() {
        close();
    }
}
