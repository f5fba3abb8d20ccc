package dev.ludicrous.tasks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code delay} returns at once: the task's id and a view of its status, like Celery's
 * {@code AsyncResult}.
 *
 * <p>With the in-process broker the handle follows the task through every status. On Redis the
 * task may run on another node: workers record each change of status in Redis (unless the task
 * is sent with {@code trackStatus(false)}), and the handle reads it there, so
 * {@link #status()} and {@link #completion()} follow the task wherever it runs. Thread-safe.
 */
public interface TaskHandle {
    /**
     * Returns the task's unique id (also the dead letter's task id if it ends there).
     *
     * @return the task's unique id (also the dead letter's task id if it ends there)
     */
    String id();

    /**
     * Returns the task's registered name; for a handle made by {@link Tasks#handle(String)}, the
     * name recorded with its state, or an empty string while that is unknown.
     *
     * @return the task's registered name
     */
    String taskName();

    /**
     * Returns the task's current status. On Redis this reads the recorded state (one round trip);
     * when Redis cannot be reached it returns the last status this
     * handle read (the first is {@link TaskStatus#QUEUED}) and logs a warning once per outage.
     *
     * @return the latest status known to this JVM
     */
    TaskStatus status();

    /**
     * Returns why the task is retrying, failed or dead, such as {@code handler failed after 3
     * attempts: java.lang.IllegalStateException: payment API returned 503}, as of the latest
     * {@link #status()} read; empty in other statuses.
     *
     * @return the error, if the latest status has one
     */
    default Optional<String> error() {
        return Optional.empty();
    }

    /**
     * Returns whether this call was a no-op because a pending task held the same idempotency key;
     * {@link #id()} is then that task's id.
     *
     * @return whether the call was a duplicate
     */
    boolean duplicate();

    /**
     * Returns a stage completed with the final status ({@link TaskStatus#isFinal()}) once it is
     * reached. On Redis one thread per {@link Tasks} polls the states of every awaited handle in
     * one round trip, backing off from 25 ms to 500 ms per handle; the stage completes with
     * {@link TaskStatus#UNKNOWN} when the record disappears (it expired) and fails with
     * {@link IllegalStateException} when {@link Tasks} is closed first. Without status tracking
     * (Redis and {@code trackStatus(false)}) it never completes.
     *
     * @return a stage completed with the final status
     */
    CompletionStage<TaskStatus> completion();

    /**
     * Waits for the final status, like Celery's {@code AsyncResult.get(timeout)} (a task returns
     * no value here; look at {@link #status()} and {@link #error()}).
     *
     * @param timeout how long to wait
     * @return the final status ({@link TaskStatus#SUCCEEDED}, {@link TaskStatus#FAILED} or
     *     {@link TaskStatus#DEAD}), or {@link TaskStatus#UNKNOWN} when the record expired
     * @throws TimeoutException when the task did not end in time; the task goes on
     * @throws InterruptedException when the thread is interrupted while waiting
     * @throws IllegalStateException when {@link Tasks} was closed while waiting
     */
    default TaskStatus await(Duration timeout) throws TimeoutException, InterruptedException {
        try {
            return completion().toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("waiting for task " + id() + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            TimeoutException timedOut = new TimeoutException("task '" + taskName() + "' " + id()
                    + " did not end within " + timeout + "; it is " + status());
            timedOut.initCause(e);
            throw timedOut;
        }
    }
}
