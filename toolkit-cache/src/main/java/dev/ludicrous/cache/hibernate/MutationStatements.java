package dev.ludicrous.cache.hibernate;

import org.hibernate.query.spi.NonSelectQueryPlan;
import org.hibernate.query.spi.SelectQueryPlan;

/**
 * Tells whether Hibernate is running a mutation query (HQL/JPQL/criteria {@code update},
 * {@code delete} or {@code insert}, or a native mutation) on this thread.
 *
 * <p>Hibernate fires no event for bulk statements. The closest is the auto-flush event, which
 * every query fires inside a transaction, before its SQL runs, with the tables it touches; but a
 * select fires it too. Every query runs through a query plan, an SPI of
 * {@code org.hibernate.query.spi}: a {@link NonSelectQueryPlan} for a mutation, a
 * {@link SelectQueryPlan} for a select. The nearest of the two on the stack says which one
 * fired the event. The walk stops at the first plan, a few frames down; it runs once per query
 * run inside a transaction, never on a cache read.
 */
final class MutationStatements {
    // Deep enough for the multi-table handlers (temporary tables, CTEs); a select stops far sooner.
    private static final int MAX_FRAMES = 128;
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private MutationStatements() {
    }

    static boolean running() {
        return WALKER.walk(frames -> frames.limit(MAX_FRAMES)
                .map(StackWalker.StackFrame::getDeclaringClass)
                .filter(type -> NonSelectQueryPlan.class.isAssignableFrom(type)
                        || SelectQueryPlan.class.isAssignableFrom(type))
                .findFirst()
                .map(NonSelectQueryPlan.class::isAssignableFrom)
                .orElse(false));
    }
}
