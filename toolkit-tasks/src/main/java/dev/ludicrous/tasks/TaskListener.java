package dev.ludicrous.tasks;

import java.time.Duration;

/**
 * Hears what happens to tasks on this node, for metrics and logs (the Micrometer binder is one).
 * Every method has an empty default. Methods run on the thread that saw the event and must be
 * quick; an exception they throw is logged and never affects the task.
 */
public interface TaskListener {
    /**
     * A task was accepted by the broker.
     *
     * @param task the task name
     * @param queue its queue
     */
    default void queued(String task, String queue) {
    }

    /**
     * A worker started the handler.
     *
     * @param task the task name
     * @param queueLatency from when it was due (sent, or its countdown/ETA) to now
     */
    default void started(String task, Duration queueLatency) {
    }

    /**
     * The handler returned.
     *
     * @param task the task name
     * @param runTime how long the handler ran
     */
    default void succeeded(String task, Duration runTime) {
    }

    /**
     * The handler threw (or ran past its time limit).
     *
     * @param task the task name
     * @param runTime how long the handler ran
     * @param error what it threw
     */
    default void failed(String task, Duration runTime, Throwable error) {
    }

    /**
     * A failed task was scheduled for another attempt.
     *
     * @param task the task name
     * @param backoff how long until the next attempt
     */
    default void retried(String task, Duration backoff) {
    }

    /**
     * A task went to the dead letters.
     *
     * @param task the task name
     * @param reason why
     */
    default void dead(String task, String reason) {
    }
}
