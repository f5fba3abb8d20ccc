package dev.ludicrous.cache.hibernate;

import dev.ludicrous.cache.CacheManager;
import org.hibernate.event.spi.PostCommitDeleteEventListener;
import org.hibernate.event.spi.PostCommitInsertEventListener;
import org.hibernate.event.spi.PostCommitUpdateEventListener;
import org.hibernate.event.spi.PostDeleteEvent;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.persister.entity.EntityPersister;

/**
 * Hibernate calls these after the transaction commits (and the "failed" variants when it does not):
 * only then may readers load the new rows, so only then is it safe to bump.
 */
final class BumpAfterCommit implements PostCommitInsertEventListener, PostCommitUpdateEventListener,
        PostCommitDeleteEventListener {
    private final CacheManager manager;
    private final JpaNames names;

    BumpAfterCommit(CacheManager manager, JpaNames names) {
        this.manager = manager;
        this.names = names;
    }

    @Override
    public void onPostInsert(PostInsertEvent event) {
        bump(event.getPersister(), event.getId());
    }

    @Override
    public void onPostUpdate(PostUpdateEvent event) {
        bump(event.getPersister(), event.getId());
    }

    @Override
    public void onPostDelete(PostDeleteEvent event) {
        bump(event.getPersister(), event.getId());
    }

    @Override
    public void onPostInsertCommitFailed(PostInsertEvent event) {
        // rolled back: nothing changed
    }

    @Override
    public void onPostUpdateCommitFailed(PostUpdateEvent event) {
        // rolled back: nothing changed
    }

    @Override
    public void onPostDeleteCommitFailed(PostDeleteEvent event) {
        // rolled back: nothing changed
    }

    @Override
    public boolean requiresPostCommitHandling(EntityPersister persister) {
        return true;
    }

    private void bump(EntityPersister persister, Object id) {
        CommitBumps.now(manager, EntityNamespaces.typesAndObjects(names.withSupertypes(persister), id),
                names.of(persister) + "#" + id);
    }
}
