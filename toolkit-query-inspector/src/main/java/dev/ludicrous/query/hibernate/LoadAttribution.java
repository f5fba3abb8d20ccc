package dev.ludicrous.query.hibernate;

import dev.ludicrous.query.QueryAttribution;
import dev.ludicrous.query.StatementGroup;
import org.hibernate.event.spi.InitializeCollectionEvent;
import org.hibernate.event.spi.InitializeCollectionEventListener;
import org.hibernate.event.spi.LoadEvent;
import org.hibernate.event.spi.LoadEventListener;

/**
 * Labels what Hibernate does while it runs statements. It runs before Hibernate's own listeners
 * and opens a label; {@link LoadAttributionEnd} runs after them and closes it (two classes,
 * since Hibernate refuses two listeners of one class in a group):
 * <ul>
 *   <li>a proxy initialising: {@code lazy load Post.author} (the association that handed out the proxy);</li>
 *   <li>a collection initialising: {@code lazy load Post.comments};</li>
 *   <li>{@code find}/{@code get}: {@code find Author}, the application's explicit choice;</li>
 *   <li>other loads by id (eager associations): {@code load Author}.</li>
 * </ul>
 */
final class LoadAttribution implements LoadEventListener, InitializeCollectionEventListener {

    @Override
    public void onLoad(LoadEvent event, LoadType loadType) {
        HibernateAttributions.open(QueryAttribution.anyScopeOpen() ? label(event, loadType) : null);
    }

    @Override
    public void onInitializeCollection(InitializeCollectionEvent event) {
        String label = null;
        if (QueryAttribution.anyScopeOpen() && event.getCollection() != null) {
            label = StatementGroup.LAZY_LOAD + role(event.getCollection().getRole());
        }
        HibernateAttributions.open(label);
    }

    private static String label(LoadEvent event, LoadType loadType) {
        String entity = event.getEntityClassName();
        if (loadType == IMMEDIATE_LOAD) {
            String origin = ProxyOrigins.originOf(entity, event.getEntityId());
            return StatementGroup.LAZY_LOAD + (origin != null ? origin : ProxyOrigins.simpleName(entity));
        }
        if (loadType == GET || loadType == LOAD) {
            return "find " + ProxyOrigins.simpleName(entity);
        }
        return "load " + ProxyOrigins.simpleName(entity);
    }

    /** {@code com.example.Post.comments} becomes {@code Post.comments}. */
    static String role(String role) {
        if (role == null) {
            return "?";
        }
        int property = role.lastIndexOf('.');
        if (property <= 0) {
            return role;
        }
        return ProxyOrigins.simpleName(role.substring(0, property)) + role.substring(property);
    }
}
