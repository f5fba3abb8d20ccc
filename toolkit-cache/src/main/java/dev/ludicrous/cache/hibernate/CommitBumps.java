package dev.ludicrous.cache.hibernate;

import dev.ludicrous.cache.CacheManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.Arrays;
import org.hibernate.event.spi.EventSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends bumps for the listeners: deferred to the commit of the session's transaction (never on a
 * rollback), and never failing the application's work when the bump itself fails.
 */
final class CommitBumps {
    private static final Logger LOG = LoggerFactory.getLogger(CommitBumps.class);

    private CommitBumps() {
    }

    /** Bumps once the transaction of {@code session} commits; {@code what} names the change in logs. */
    static void afterCommit(CacheManager manager, EventSource session, String[] namespaces, String what) {
        try {
            session.getTransaction().registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // only the outcome matters
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        now(manager, namespaces, what);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not defer the cache bump of {} to the commit ({}); bumping now", what, e.toString());
            now(manager, namespaces, what);
        }
    }

    /** Bumps at once: the transaction has committed, so a failure here must not reach the application. */
    static void now(CacheManager manager, String[] namespaces, String what) {
        try {
            EntityNamespaces.bumpAll(manager, namespaces);
        } catch (RuntimeException e) {
            LOG.warn("Bumping the cache namespaces {} of {} failed ({})", Arrays.toString(namespaces), what,
                    e.toString());
        }
    }
}
