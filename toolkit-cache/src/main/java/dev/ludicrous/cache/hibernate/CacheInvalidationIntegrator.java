package dev.ludicrous.cache.hibernate;

import dev.ludicrous.cache.CacheManager;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bumps the namespaces of entities that a committed transaction inserted, updated or deleted, or
 * whose collections it changed: the type ({@code Post}, the JPA entity name) and the object
 * ({@code Post:42}), and the same under each entity supertype's name. A bulk statement
 * ({@code update}/{@code delete} in HQL, JPQL or criteria, or a native mutation) bumps the type
 * namespaces of the tables it writes (a native one: those synchronized with
 * {@code addSynchronizedEntityClass}, else every type), not the objects. Nothing is bumped
 * before the commit, nor on rollback. Hibernate finds this class through
 * {@code META-INF/services}; it acts when the session factory's properties hold a
 * {@link CacheManager} under {@link #MANAGER_PROPERTY}, and does nothing otherwise.
 *
 * <pre>{@code
 * Map<String, Object> properties = Map.of(CacheInvalidationIntegrator.MANAGER_PROPERTY, manager);
 * EntityManagerFactory emf = Persistence.createEntityManagerFactory("blog", properties);
 * }</pre>
 *
 * <p>What Hibernate does not see is not bumped: raw JDBC, other applications, statements run
 * outside a transaction or by a {@code StatelessSession}. Bump those by hand with
 * {@link CacheManager#bump(String...)} and {@link EntityNamespaces#withSupertypes(Class)}.
 */
public final class CacheInvalidationIntegrator implements org.hibernate.integrator.spi.Integrator {
    /** The session factory property that holds the {@link CacheManager} to bump. */
    public static final String MANAGER_PROPERTY = "ludicrous.cache.manager";

    private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidationIntegrator.class);

    /** Called by Hibernate's service loader. */
    public CacheInvalidationIntegrator() {
        // stateless: the manager comes from each session factory's properties
    }

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        Object value = sessionFactory.getProperties().get(MANAGER_PROPERTY);
        if (value == null) {
            LOG.debug("No {} property: Hibernate changes will not bump cache namespaces", MANAGER_PROPERTY);
            return;
        }
        if (!(value instanceof CacheManager manager)) {
            throw new IllegalArgumentException(MANAGER_PROPERTY + " must hold a " + CacheManager.class.getName()
                    + ", but was a " + value.getClass().getName());
        }
        JpaNames names = JpaNames.of(metadata);
        BumpAfterCommit listener = new BumpAfterCommit(manager, names);
        EventListenerRegistry registry = sessionFactory.getServiceRegistry().getService(EventListenerRegistry.class);
        registry.appendListeners(EventType.POST_COMMIT_INSERT, listener);
        registry.appendListeners(EventType.POST_COMMIT_UPDATE, listener);
        registry.appendListeners(EventType.POST_COMMIT_DELETE, listener);
        BumpOwnerAfterCommit owners = new BumpOwnerAfterCommit(manager, names);
        registry.appendListeners(EventType.POST_COLLECTION_RECREATE, owners);
        registry.appendListeners(EventType.POST_COLLECTION_UPDATE, owners);
        registry.appendListeners(EventType.POST_COLLECTION_REMOVE, owners);
        registry.appendListeners(EventType.AUTO_FLUSH, new BumpAfterBulkCommit(manager, names));
    }

    /** Nothing to undo: the listeners go with the session factory. Abstract in Hibernate 6.6, so declared. */
    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory,
            org.hibernate.service.spi.SessionFactoryServiceRegistry serviceRegistry) {
        // nothing held outside the session factory
    }
}
