package dev.ludicrous.tasks;

/**
 * Thrown by a handler when retrying cannot help (a refused address, a 404, bad input): the task
 * goes to the dead letters at once, with this message, whatever retries are left.
 */
public class PermanentTaskFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what went wrong, kept in the dead letter
     */
    public PermanentTaskFailure(String message) {
        super(message);
    }

    /**
     * Creates the failure with a cause.
     *
     * @param message what went wrong, kept in the dead letter
     * @param cause the underlying error
     */
    public PermanentTaskFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
