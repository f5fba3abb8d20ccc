package dev.ludicrous.tasks.hibernate;

import dev.ludicrous.tasks.TransactionHook;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.Objects;
import org.hibernate.SharedSessionContract;
import org.hibernate.Transaction;

/**
 * Ties {@code delayAfterCommit} to a Hibernate transaction (resource-local or JTA):
 * <pre>{@code
 * session.beginTransaction();
 * session.persist(order);
 * sendEmail.delayAfterCommit(HibernateTransactions.of(session), email);
 * session.getTransaction().commit();   // the task is sent now, not before
 * }</pre>
 */
public final class HibernateTransactions {
    private HibernateTransactions() {
    }

    /**
     * Returns the hook of the session's current transaction.
     *
     * @param session a session (or stateless session) whose transaction is active when the hook is used
     * @return the hook; it throws {@link IllegalStateException} when no transaction is active
     */
    public static TransactionHook of(SharedSessionContract session) {
        Objects.requireNonNull(session, "session");
        return outcome -> {
            Transaction transaction = session.getTransaction();
            if (!transaction.isActive()) {
                throw new IllegalStateException("delayAfterCommit needs an active transaction on this Hibernate session;"
                        + " begin one first, or call delay");
            }
            transaction.registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    outcome.accept(status == Status.STATUS_COMMITTED);
                }
            });
        };
    }
}
