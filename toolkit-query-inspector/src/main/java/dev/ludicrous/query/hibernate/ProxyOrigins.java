package dev.ludicrous.query.hibernate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.event.spi.PostLoadEvent;
import org.hibernate.event.spi.PostLoadEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;
import org.hibernate.proxy.LazyInitializer;

/**
 * Remembers, per thread, which association handed out each uninitialised proxy
 * ({@code Author#7 came from Post.author}), so that when the proxy loads, the statement can be
 * attributed to {@code Post.author} and not just to {@code Author}. Bounded to the
 * {@value #MAX_ENTRIES} most recent proxies per thread.
 */
final class ProxyOrigins implements PostLoadEventListener {
    private static final int MAX_ENTRIES = 512;
    private static final ThreadLocal<Map<String, String>> ORIGINS = new ThreadLocal<>();

    @Override
    public void onPostLoad(PostLoadEvent event) {
        if (!dev.ludicrous.query.QueryAttribution.anyScopeOpen()) {
            return;
        }
        EntityPersister persister = event.getPersister();
        Object entity = event.getEntity();
        if (persister == null || entity == null) {
            return;
        }
        String[] names = persister.getPropertyNames();
        Object[] values = persister.getValues(entity);
        String owner = simpleName(persister.getEntityName());
        for (int i = 0; i < values.length && i < names.length; i++) {
            if (values[i] instanceof HibernateProxy proxy) {
                LazyInitializer lazy = proxy.getHibernateLazyInitializer();
                if (lazy.isUninitialized()) {
                    origins().put(key(lazy.getEntityName(), lazy.getInternalIdentifier()), owner + "." + names[i]);
                }
            }
        }
    }

    static String originOf(String entityName, Object id) {
        Map<String, String> origins = ORIGINS.get();
        return origins == null || id == null ? null : origins.get(key(entityName, id));
    }

    private static Map<String, String> origins() {
        Map<String, String> origins = ORIGINS.get();
        if (origins == null) {
            origins = new LinkedHashMap<>(64, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > MAX_ENTRIES;
                }
            };
            ORIGINS.set(origins);
        }
        return origins;
    }

    private static String key(String entityName, Object id) {
        return entityName + "#" + id;
    }

    static String simpleName(String entityName) {
        return entityName == null ? "?" : entityName.substring(entityName.lastIndexOf('.') + 1);
    }
}
