package dev.ludicrous.query.hibernate;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.slf4j.LoggerFactory;

/**
 * Tells the query inspector what Hibernate was doing when it ran each statement, so a report
 * names the association behind an N+1 ({@code Post.author}) and tells a loop of explicit
 * {@code find} calls from lazy loading.
 *
 * <p>Registered through {@code META-INF/services/org.hibernate.integrator.spi.Integrator}: having
 * the jar and Hibernate on the class path is enough. Supports Hibernate 6.6 and 7. While no query
 * scope is open anywhere in the JVM, its listeners return at once.
 */
public final class QueryAttributionIntegrator implements Integrator {

    /** Creates the integrator; Hibernate does this through the service loader. */
    public QueryAttributionIntegrator() {
    }

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        try {
            EventListenerRegistry listeners =
                    sessionFactory.getServiceRegistry().getService(EventListenerRegistry.class);
            if (listeners == null) {
                return;
            }
            LoadAttribution open = new LoadAttribution();
            LoadAttributionEnd close = new LoadAttributionEnd();
            listeners.prependListeners(EventType.LOAD, open);
            listeners.appendListeners(EventType.LOAD, close);
            listeners.prependListeners(EventType.INIT_COLLECTION, open);
            listeners.appendListeners(EventType.INIT_COLLECTION, close);
            listeners.appendListeners(EventType.POST_LOAD, new ProxyOrigins());
        } catch (RuntimeException | LinkageError e) {
            // Attribution is a nicety: a Hibernate version we do not know must still start.
            LoggerFactory.getLogger(QueryAttributionIntegrator.class).warn(
                    "Query inspector: Hibernate attribution is off for this session factory ({}); queries are"
                            + " still recorded, without the association names.", e.toString());
        }
    }

    /** Nothing to undo: the listeners go with the session factory. Declared because it is abstract in Hibernate 6. */
    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to release
    }
}
