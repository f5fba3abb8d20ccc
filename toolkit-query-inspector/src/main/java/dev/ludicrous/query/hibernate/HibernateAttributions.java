package dev.ludicrous.query.hibernate;

import dev.ludicrous.query.QueryAttribution;
import java.util.ArrayDeque;

/**
 * The attributions this integration opened on the current thread, so that the listener that runs
 * after Hibernate's own closes the one its partner opened before. Bounded: if Hibernate failed
 * between the two so often that the stack grows past {@value #MAX_DEPTH}, it starts over.
 */
final class HibernateAttributions {
    private static final int MAX_DEPTH = 64;
    private static final ThreadLocal<ArrayDeque<Object>> OPEN = ThreadLocal.withInitial(ArrayDeque::new);
    private static final Object SKIPPED = new Object();

    private HibernateAttributions() {
    }

    static void open(String label) {
        ArrayDeque<Object> open = OPEN.get();
        if (open.size() >= MAX_DEPTH) {
            open.clear();
        }
        open.push(label == null ? SKIPPED : QueryAttribution.open(label));
    }

    static void close() {
        ArrayDeque<Object> open = OPEN.get();
        Object top = open.poll();
        if (top instanceof QueryAttribution attribution) {
            attribution.close();
        }
        if (open.isEmpty()) {
            OPEN.remove();
        }
    }
}
