package dev.ludicrous.tasks;

import java.util.concurrent.CompletionStage;

/**
 * What {@code delay} returns at once: the task's id and a view of its status.
 *
 * <p>With the in-process broker the handle follows the task through every status. With a broker
 * that crosses processes (Redis) the task may run on another node: the handle then reports
 * {@link TaskStatus#QUEUED} and its completion never finishes in this JVM; look for failures in
 * {@link Tasks#deadLetters()}.
 */
public interface TaskHandle {
    /**
     * Returns the task's unique id (also the dead letter's task id if it ends there).
     *
     * @return the task's unique id (also the dead letter's task id if it ends there)
     */
    String id();

    /**
     * Returns the task's registered name.
     *
     * @return the task's registered name
     */
    String taskName();

    /**
     * Returns the latest status known to this JVM.
     *
     * @return the latest status known to this JVM
     */
    TaskStatus status();

    /**
     * Returns whether this call was a no-op because a pending task held the same idempotency key;
     * {@link #id()} is then that task's id.
     *
     * @return whether the call was a duplicate
     */
    boolean duplicate();

    /**
     * Returns a stage completed with the final status ({@link TaskStatus#isFinal()}) once it is reached in this JVM.
     *
     * @return a stage completed with the final status ({@link TaskStatus#isFinal()}) once it is reached in this JVM
     */
    CompletionStage<TaskStatus> completion();
}
