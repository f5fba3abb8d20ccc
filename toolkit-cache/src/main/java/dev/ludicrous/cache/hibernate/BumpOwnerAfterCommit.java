package dev.ludicrous.cache.hibernate;

import dev.ludicrous.cache.CacheManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import org.hibernate.event.spi.AbstractCollectionEvent;
import org.hibernate.event.spi.PostCollectionRecreateEvent;
import org.hibernate.event.spi.PostCollectionRecreateEventListener;
import org.hibernate.event.spi.PostCollectionRemoveEvent;
import org.hibernate.event.spi.PostCollectionRemoveEventListener;
import org.hibernate.event.spi.PostCollectionUpdateEvent;
import org.hibernate.event.spi.PostCollectionUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A changed collection (an association or element collection) may not touch its owner's row, so
 * no entity event tells us the owner changed. Collection events fire at flush, before the commit:
 * the owner's bump is deferred to a transaction synchronization and sent only if it commits.
 */
final class BumpOwnerAfterCommit implements PostCollectionRecreateEventListener, PostCollectionUpdateEventListener,
        PostCollectionRemoveEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(BumpOwnerAfterCommit.class);

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
        try {
            event.getSession().getTransaction().registerSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // only the outcome matters
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        bump(namespaces);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not defer the cache bump of {}#{} to the commit ({}); bumping now", type, id, e.toString());
            bump(namespaces);
        }
    }

    private void bump(String[] namespaces) {
        try {
            EntityNamespaces.bumpAll(manager, namespaces);
        } catch (RuntimeException e) {
            LOG.warn("Bumping the cache namespaces {} failed ({})", java.util.Arrays.toString(namespaces), e.toString());
        }
    }
}
