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
    private final JpaNames names;

    BumpOwnerAfterCommit(CacheManager manager, JpaNames names) {
        this.manager = manager;
        this.names = names;
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
        // The owner's own type (an Article, not the Post that declares the collection); read by
        // name because Hibernate 6.6's event has no getCollectionPersister().
        String ownerName = event.getAffectedOwnerEntityName();
        if (id == null || ownerName == null) {
            return;
        }
        String[] namespaces;
        String what;
        try {
            EntityPersister owner = event.getSession().getFactory().getMappingMetamodel().getEntityDescriptor(ownerName);
            namespaces = EntityNamespaces.typesAndObjects(names.withSupertypes(owner), id);
            what = names.of(owner) + "#" + id;
        } catch (RuntimeException e) {
            // This runs inside the application's flush: an error here must not fail it.
            LOG.warn("Could not tell which namespaces a change to a collection of {}#{} bumps ({}); they are not bumped",
                    ownerName, id, e.toString());
            return;
        }
        CommitBumps.afterCommit(manager, event.getSession(), namespaces, what);
    }
}
