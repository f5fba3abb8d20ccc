package dev.ludicrous.tasks;

import java.time.Duration;
import java.util.List;

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
