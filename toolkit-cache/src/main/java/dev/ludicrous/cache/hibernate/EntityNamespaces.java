package dev.ludicrous.cache.hibernate;

import dev.ludicrous.cache.Cache;
import dev.ludicrous.cache.CacheManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * The namespaces {@link CacheInvalidationIntegrator} bumps, for caching query results against
 * them and for bumping by hand what Hibernate does not see (raw JDBC, other applications).
 * A type's namespace is its JPA entity name: {@code @Entity(name = ...)}, else the simple class name.
 * A change to an entity bumps its type and its entity supertypes (a query on {@code Post} also
 * reads the rows of its subclass {@code Article}), and the object under each of those names.
 */
public final class EntityNamespaces {
    // CacheManager.bump takes at most 64 namespaces at once.
    private static final int MAX_PER_BUMP = 64;

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
     * Returns the namespaces of an entity type and of its entity supertypes, the type first, such
     * as {@code [Article, Post]}: what to bump after changing rows of that type outside Hibernate.
     *
     * <pre>{@code
     * manager.bump(EntityNamespaces.withSupertypes(Article.class));
     * }</pre>
     *
     * @param entity an entity class
     * @return its namespace, then that of each superclass annotated with {@code @Entity}
     */
    public static String[] withSupertypes(Class<?> entity) {
        List<String> names = new ArrayList<>(2);
        for (Class<?> type = entity; type != null; type = type.getSuperclass()) {
            if (type == entity || type.isAnnotationPresent(jakarta.persistence.Entity.class)) {
                names.add(type(type));
            }
        }
        return names.toArray(String[]::new);
    }

    /** Bumps any number of namespaces, in as few calls as {@link CacheManager#bump} allows. */
    static void bumpAll(CacheManager manager, String[] namespaces) {
        for (int from = 0; from < namespaces.length; from += MAX_PER_BUMP) {
            manager.bump(Arrays.copyOfRange(namespaces, from, Math.min(namespaces.length, from + MAX_PER_BUMP)));
        }
    }

    /** The type and object namespaces of one entity, for its type and each entity supertype. */
    static String[] typesAndObjects(List<String> types, Object id) {
        String[] namespaces = new String[types.size() * 2];
        for (int i = 0; i < types.size(); i++) {
            namespaces[2 * i] = types.get(i);
            namespaces[2 * i + 1] = object(types.get(i), id);
        }
        return namespaces;
    }

    /**
     * Caches a query's result until an entity of any of {@code types} (or of their subtypes) is
     * inserted, updated or deleted through Hibernate, by the session or by a bulk statement: the
     * result depends on the types' namespaces.
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
