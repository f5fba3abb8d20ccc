package dev.ludicrous.query.hibernate;

import org.hibernate.event.spi.InitializeCollectionEvent;
import org.hibernate.event.spi.InitializeCollectionEventListener;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;

/** Closes the label {@link LoadAttribution} opened, after Hibernate's own listeners have run. */
final class LoadAttributionEnd implements LoadEventListener, InitializeCollectionEventListener {

    @Override
    public void onLoad(LoadEvent event, LoadType loadType) {
        HibernateAttributions.close();
    }

    @Override
    public void onInitializeCollection(InitializeCollectionEvent event) {
        HibernateAttributions.close();
    }
}
