package dev.ludicrous.tasks;

import java.util.Objects;

/**
 * What a broker that records task states knows of one task: how {@link TaskHandle} follows a task
 * that runs on another node.
 *
 * @param status the status; {@link TaskStatus#UNKNOWN} when nothing is recorded
 * @param taskName the task's registered name, or an empty string when unknown
 * @param error why the task is retrying, failed or dead (the dead letter's reason and the
 *     exception's class and message), or an empty string
 */
public record TaskState(TaskStatus status, String taskName, String error) {
    /** A state with nothing recorded. */
    public static final TaskState UNKNOWN = new TaskState(TaskStatus.UNKNOWN, "", "");

    /**
     * Checks that no component is {@code null}.
     *
     * @param status the status
     * @param taskName the task's name, or an empty string
     * @param error the error, or an empty string
     */
    public TaskState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(error, "error");
    }
}
