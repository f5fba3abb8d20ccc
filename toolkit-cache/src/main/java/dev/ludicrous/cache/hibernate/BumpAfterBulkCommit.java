package dev.ludicrous.cache.hibernate;

import dev.ludicrous.cache.CacheManager;
import java.util.Arrays;
import org.hibernate.event.spi.AutoFlushEvent;
import org.hibernate.event.spi.AutoFlushEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bulk statement ({@code update Post set ...}, {@code delete from Post}, a native mutation)
 * changes rows without loading them, so no entity event reports it. Hibernate fires the auto-flush
 * event before the statement runs, with the tables it writes (for a native statement, the spaces
 * synchronized with {@code addSynchronizedEntityClass}; none means every table). When the event
 * comes from a mutation, the types of those tables are bumped, after the transaction commits and
 * only if it does.
 */
final class BumpAfterBulkCommit implements AutoFlushEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(BumpAfterBulkCommit.class);

    private final CacheManager manager;
    private final JpaNames names;
    // Built on first use: the metamodel does not exist yet when the integrator runs.
    private volatile EntityTables tables;

    BumpAfterBulkCommit(CacheManager manager, JpaNames names) {
        this.manager = manager;
        this.names = names;
    }

    @Override
    public void onAutoFlush(AutoFlushEvent event) {
        String[] types;
        try {
            if (!MutationStatements.running()) {
                return;
            }
            types = tables(event).typesWriting(event.getQuerySpaces());
        } catch (RuntimeException e) {
            // An error here must not fail the user's query.
            LOG.warn("Could not tell which entity types a bulk statement changes ({}); their cache entries are not bumped",
                    e.toString());
            return;
        }
        if (types.length == 0) {
            return;
        }
        CommitBumps.afterCommit(manager, event.getSession(), types, "a bulk statement on " + Arrays.toString(types));
    }

    private EntityTables tables(AutoFlushEvent event) {
        EntityTables current = tables;
        if (current == null) {
            current = EntityTables.of(event.getFactory().getMappingMetamodel(), names);
            tables = current;
        }
        return current;
    }
}
