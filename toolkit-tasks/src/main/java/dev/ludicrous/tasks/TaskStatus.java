package dev.ludicrous.tasks;

/** Where a task is in its life. {@link #SUCCEEDED}, {@link #FAILED} and {@link #DEAD} are final. */
public enum TaskStatus {
    /** Accepted by the broker, waiting for a worker (or for its countdown/ETA). */
    QUEUED,
    /** A worker is running the handler. */
    RUNNING,
    /** The handler returned normally. */
    SUCCEEDED,
    /** The handler threw and a later attempt is scheduled with back-off. */
    RETRYING,
    /** The handler threw on its last allowed attempt; the task is in the dead letters with the error. */
    FAILED,
    /**
     * The task could not be run at all (unknown task name, arguments that do not decode, delivered
     * more often than the broker's delivery cap because workers died on it); it is in the dead
     * letters with the reason.
     */
    DEAD,
    /**
     * No status is recorded for this id: it was never sent on this broker, it was sent with
     * {@code trackStatus(false)}, or its record expired ({@code statusExpiry} on Redis). Not final.
     */
    UNKNOWN;

    /**
     * Returns whether no further change of status will happen.
     *
     * @return whether no further change of status will happen
     */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == DEAD;
    }
}
