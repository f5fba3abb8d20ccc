package dev.ludicrous.query;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the shape of each distinct SQL string, so the scan runs once per statement text and
 * not once per execution. Bounded: past {@link #MAX_ENTRIES} texts, or for texts longer than
 * {@link #MAX_CACHED_LENGTH}, shapes are computed each time and not kept.
 */
final class SqlShapes {
    static final int MAX_ENTRIES = 10_000;
    static final int MAX_CACHED_LENGTH = 8_192;

    private final ConcurrentHashMap<String, SqlShape> shapes = new ConcurrentHashMap<>();

    SqlShape of(String sql) {
        SqlShape shape = shapes.get(sql);
        if (shape != null) {
            return shape;
        }
        shape = SqlFingerprint.shape(sql);
        if (sql.length() <= MAX_CACHED_LENGTH && shapes.size() < MAX_ENTRIES) {
            shapes.putIfAbsent(sql, shape);
        }
        return shape;
    }
}
