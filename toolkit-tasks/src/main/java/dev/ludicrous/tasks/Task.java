package dev.ludicrous.tasks;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A registered task bound to its {@link Tasks}: call {@link #delay} to run it in the background,
 * as Celery's {@code task.delay(...)}. Obtain it with {@link Tasks#task(String, Class)}. Thread-safe.
 *
 * @param <A> the argument type
 */
public final class Task<A> {
    private final Tasks tasks;
    private final Definition<A> definition;

    Task(Tasks tasks, Definition<A> definition) {
        this.tasks = tasks;
        this.definition = definition;
    }

    /**
     * Returns the task's name.
     *
     * @return the task's name
     */
    public String name() {
        return definition.name();
    }

    /**
     * Returns the argument type.
     *
     * @return the argument type
     */
    public Class<A> argumentType() {
        return definition.type();
    }

    /**
     * Queues the task with its own options and returns at once.
     *
     * @param args the arguments, not {@code null}
     * @return the handle
     * @throws TaskRejectedException when the broker did not take the task
     * @throws IllegalArgumentException when the codec cannot encode the arguments
     */
    public TaskHandle delay(A args) {
        return tasks.send(definition, List.of(args), null).get(0);
    }

    /**
     * Queues the task with options for this call (over the task's own) and returns at once.
     *
     * @param args the arguments, not {@code null}
     * @param options this call's options, such as a countdown or an idempotency key
     * @return the handle
     * @throws TaskRejectedException when the broker did not take the task
     */
    public TaskHandle delay(A args, TaskOptions options) {
        return tasks.send(definition, List.of(args), Objects.requireNonNull(options, "options")).get(0);
    }

    /**
     * Queues one task per element in one round trip to the broker.
     *
     * @param args the arguments of each task
     * @return the handles, in order
     * @throws TaskRejectedException when the broker did not take the tasks
     */
    public List<TaskHandle> delayAll(Collection<? extends A> args) {
        return tasks.send(definition, List.copyOf(args), null);
    }

    /**
     * Queues one task per element in one round trip to the broker, with options for these calls.
     *
     * @param args the arguments of each task
     * @param options the options of each task; an idempotency key applies to every element
     * @return the handles, in order
     * @throws TaskRejectedException when the broker did not take the tasks
     */
    public List<TaskHandle> delayAll(Collection<? extends A> args, TaskOptions options) {
        return tasks.send(definition, List.copyOf(args), Objects.requireNonNull(options, "options"));
    }

    /**
     * Queues the task only if and after the given transaction commits, so that the worker sees
     * what the transaction wrote; after a rollback nothing is sent. The arguments are encoded now,
     * so that arguments that cannot be sent fail inside the transaction.
     *
     * <p>The commit has happened when the task is sent: if sending then fails (the broker is
     * down), the returned stage fails with {@link TaskRejectedException} and the failure is
     * logged; the transaction stays committed.
     *
     * @param transaction the current transaction
     * @param args the arguments, not {@code null}
     * @return a stage completed with the handle after the commit, or failed with
     *     {@link java.util.concurrent.CancellationException} after a rollback
     */
    public java.util.concurrent.CompletionStage<TaskHandle> delayAfterCommit(TransactionHook transaction, A args) {
        return tasks.sendAfterCommit(definition, Objects.requireNonNull(transaction, "transaction"),
                Objects.requireNonNull(args, "args"), null);
    }

    /**
     * Like {@link #delayAfterCommit(TransactionHook, Object)}, with options for this call.
     *
     * @param transaction the current transaction
     * @param args the arguments, not {@code null}
     * @param options this call's options
     * @return a stage completed with the handle after the commit, or cancelled after a rollback
     */
    public java.util.concurrent.CompletionStage<TaskHandle> delayAfterCommit(TransactionHook transaction, A args,
            TaskOptions options) {
        return tasks.sendAfterCommit(definition, Objects.requireNonNull(transaction, "transaction"),
                Objects.requireNonNull(args, "args"), Objects.requireNonNull(options, "options"));
    }

    @Override
    public String toString() {
        return "Task[" + definition.name() + "(" + definition.type().getSimpleName() + ")]";
    }
}
