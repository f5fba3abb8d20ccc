package dev.ludicrous.cache.hibernate;

import dev.ludicrous.cache.CacheManager;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.PostCollectionRecreateEvent;
import org.hibernate.event.spi.PostCollectionRecreateEventListener;
import org.hibernate.event.spi.PostCollectionRemoveEvent;
import org.hibernate.event.spi.PostCollectionRemoveEventListener;
import org.hibernate.event.spi.PostCollectionUpdateEvent;
import org.hibernate.event.spi.PostCollectionUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;

/**
 * A changed collection (an association or element collection) may not touch its owner's row, so
 * no entity event tells us the owner changed. Collection events fire at flush, before the commit:
 * the owner's bump is deferred to a transaction synchronization and sent only if it commits.
 */
final class BumpOwnerAfterCommit implements PostCollectionRecreateEventListener, PostCollectionUpdateEventListener,
        PostCollectionRemoveEventListener {
    private final CacheManager manager;

    BumpOwnerAfterCommit(CacheManager manager) {
        this.manager = manager;
    }

    @Override
    public void onPostRecreateCollection(PostCollectionRecreateEvent event) {
        afterCommit(event);
    }

    @Override
    public void onPostUpdateCollection(PostCollectionUpdateEvent event) {
        afterCommit(event);
    }

    @Override
    public void onPostRemoveCollection(PostCollectionRemoveEvent event) {
        afterCommit(event);
    }

    private void afterCommit(AbstractCollectionEvent event) {
        Object id = event.getAffectedOwnerIdOrNull();
        if (id == null) {
            return;
        }
        EntityPersister owner = event.getCollectionPersister().getOwnerEntityPersister();
        String type = owner.getJpaEntityName();
        String[] namespaces = EntityNamespaces.typesAndObjects(EntityTables.withSupertypes(owner), id);
        CommitBumps.afterCommit(manager, event.getSession(), namespaces, type + "#" + id);
    }
}
