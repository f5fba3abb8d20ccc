package dev.ludicrous.tasks;

/**
 * Thrown by {@code delay} when the task could not be queued: the broker is unreachable, the
 * in-process queue stayed full, or {@link Tasks} is shut down. The task was not sent; nothing
 * is lost silently.
 */
public class TaskRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was rejected and why
     * @param cause the broker's error, or {@code null}
     */
    public TaskRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
