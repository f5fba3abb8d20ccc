package dev.ludicrous.cache.hibernate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.boot.Metadata;
import org.hibernate.mapping.PersistentClass;
import org.hibernate.metamodel.mapping.EntityMappingType;

/**
 * The JPA entity name ({@code Post}) of each entity, read once from the boot metadata: Hibernate 7
 * has {@code EntityPersister.getJpaEntityName()}, Hibernate 6.6 does not, and this works on both.
 * Immutable.
 */
final class JpaNames {
    private final Map<String, String> byEntityName;

    private JpaNames(Map<String, String> byEntityName) {
        this.byEntityName = byEntityName;
    }

    static JpaNames of(Metadata metadata) {
        Map<String, String> names = new HashMap<>();
        for (PersistentClass entity : metadata.getEntityBindings()) {
            if (entity.getJpaEntityName() != null) {
                names.put(entity.getEntityName(), entity.getJpaEntityName());
            }
        }
        return new JpaNames(Map.copyOf(names));
    }

    /** The JPA name of a type; its Hibernate entity name when it has none (a dynamic-map entity). */
    String of(EntityMappingType type) {
        return byEntityName.getOrDefault(type.getEntityName(), type.getEntityName());
    }

    /** The JPA entity names of a type and of each of its entity supertypes, the type first. */
    List<String> withSupertypes(EntityMappingType type) {
        List<String> names = new ArrayList<>(2);
        for (EntityMappingType current = type; current != null; current = current.getSuperMappingType()) {
            names.add(of(current));
        }
        return names;
    }
}
