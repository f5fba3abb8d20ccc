package dev.ludicrous.tasks;

import java.util.function.Consumer;

/**
 * The user's current transaction, as {@link Task#delayAfterCommit} needs it: a way to run code
 * once it ends. Adapt your transaction manager in a line, for example Spring's
 * {@code TransactionSynchronizationManager.registerSynchronization(...)} with
 * {@code afterCompletion(status)}, or use {@code dev.ludicrous.tasks.hibernate.HibernateTransactions}.
 */
@FunctionalInterface
public interface TransactionHook {
    /**
     * Registers a callback to run once, after the current transaction ends.
     *
     * @param outcome called with {@code true} after a commit and {@code false} after a rollback
     * @throws IllegalStateException when no transaction is active
     */
    void onCompletion(Consumer<Boolean> outcome);
}
