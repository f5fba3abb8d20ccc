package dev.ludicrous.cache.hibernate;

import dev.ludicrous.cache.Cache;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * The namespaces {@link CacheInvalidationIntegrator} bumps, for caching query results against
 * them and for bumping by hand what Hibernate does not see (bulk queries, raw JDBC).
 * A type's namespace is its JPA entity name: {@code @Entity(name = ...)}, else the simple class name.
 */
public final class EntityNamespaces {
    private EntityNamespaces() {
    }

    /**
     * Returns the namespace of an entity type, such as {@code Post}.
     *
     * @param entity an entity class
     * @return its JPA entity name
     */
    public static String type(Class<?> entity) {
        jakarta.persistence.Entity annotation = entity.getAnnotation(jakarta.persistence.Entity.class);
        return annotation != null && !annotation.name().isEmpty() ? annotation.name() : entity.getSimpleName();
    }

    /**
     * Returns the namespace of one entity, such as {@code Post:42}.
     *
     * @param entity an entity class
     * @param id its identifier
     * @return the type's namespace, a colon, and the identifier
     */
    public static String object(Class<?> entity, Object id) {
        return object(type(entity), id);
    }

    static String object(String type, Object id) {
        return type + ":" + id;
    }

    /**
     * Caches a query's result until an entity of any of {@code types} is inserted, updated or
     * deleted through Hibernate: the result depends on the types' namespaces.
     *
     * <pre>{@code
     * List<Long> ids = EntityNamespaces.cachedQuery(queries, "latest-posts", List.of(Post.class),
     *         () -> session.createQuery("select p.id from Post p order by p.id desc", Long.class)
     *                 .setMaxResults(10).getResultList());
     * }</pre>
     *
     * @param cache where to keep the result
     * @param key the result's key in that cache (include the query's parameters)
     * @param types the entity types the query reads
     * @param query runs the query on a miss
     * @param <V> the result type
     * @return the cached or freshly queried result
     */
    public static <V> V cachedQuery(Cache<V> cache, String key, Collection<Class<?>> types, Supplier<? extends V> query) {
        return cache.dependingOn(types.stream().map(EntityNamespaces::type).toArray(String[]::new)).get(key, query);
    }
}
