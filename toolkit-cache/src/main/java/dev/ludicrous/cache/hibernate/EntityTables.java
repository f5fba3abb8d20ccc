package dev.ludicrous.cache.hibernate;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.metamodel.MappingMetamodel;

/**
 * Which entity types a statement that writes some tables may have changed: those whose query
 * spaces (the tables of the entity and of its subclasses, as Hibernate reports them) include one
 * of the tables, and their supertypes, since a polymorphic query on a supertype reads the
 * subtype's rows. This is the rule Hibernate applies to its own second-level cache after a bulk
 * statement. Built once per session factory; immutable.
 */
final class EntityTables {
    private final Map<String, Set<String>> typesByTable;
    private final String[] allTypes;

    private EntityTables(Map<String, Set<String>> typesByTable, String[] allTypes) {
        this.typesByTable = typesByTable;
        this.allTypes = allTypes;
    }

    static EntityTables of(MappingMetamodel metamodel, JpaNames names) {
        Map<String, Set<String>> typesByTable = new HashMap<>();
        Set<String> all = new LinkedHashSet<>();
        metamodel.forEachEntityDescriptor(persister -> {
            List<String> types = names.withSupertypes(persister);
            all.addAll(types);
            for (java.io.Serializable space : persister.getQuerySpaces()) {
                for (String key : keys(space.toString())) {
                    typesByTable.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(types);
                }
            }
        });
        return new EntityTables(typesByTable, all.toArray(String[]::new));
    }

    /**
     * Returns the type namespaces a statement writing {@code tables} may have changed. No tables
     * means the statement did not say which it writes (a native statement without synchronized
     * spaces): like Hibernate, every type is taken as changed.
     */
    String[] typesWriting(Set<String> tables) {
        if (tables == null || tables.isEmpty()) {
            return allTypes.clone();
        }
        Set<String> types = new LinkedHashSet<>();
        for (String table : tables) {
            for (String key : keys(table)) {
                Set<String> found = typesByTable.get(key);
                if (found != null) {
                    types.addAll(found);
                }
            }
        }
        return types.toArray(String[]::new);
    }

    // A table may be named with or without its schema, and in any case (native queries name
    // tables as the user typed them): matching too much costs a spare bump, matching too little
    // serves stale entries.
    private static List<String> keys(String table) {
        String lower = table.toLowerCase(Locale.ROOT).replace("\"", "").replace("`", "");
        int dot = lower.lastIndexOf('.');
        return dot < 0 ? List.of(lower) : List.of(lower, lower.substring(dot + 1));
    }
}
