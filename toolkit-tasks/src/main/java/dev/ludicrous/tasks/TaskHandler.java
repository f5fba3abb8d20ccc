package dev.ludicrous.tasks;

/**
 * The code a task runs, usually a lambda. It may run more than once for one {@code delay} (the
 * guarantee is at-least-once), so make it idempotent: see the guide.
 *
 * @param <A> the argument type
 */
@FunctionalInterface
public interface TaskHandler<A> {
    /**
     * Runs the task. Returning normally marks it succeeded; throwing retries it by its options,
     * then moves it to the dead letters with the exception's message. When the time limit passes
     * the thread is interrupted.
     *
     * @param args the arguments given to {@code delay}, decoded
     * @throws Exception to ask for a retry
     */
    void run(A args) throws Exception;
}
