package dev.ludicrous.query;

import java.time.Duration;
import java.util.List;

/**
 * A statement as recorded on the hot path. Shared by every scope that saw it; the row count and
 * plan arrive later (when the result set closes, when EXPLAIN returns), hence the volatile fields.
 */
final class Entry {
    final String sql;
    /** True when {@link #sql} was cut to the inspector's maximum length (it cannot be explained then). */
    final boolean sqlCut;
    final SqlShape shape;
    final int batchSize;
    final long nanos;
    final String error;
    final CallSite callSite;
    final long parameterKey;
    final List<String> parameters;
    final String attribution;
    volatile long rows;
    volatile String plan;

    Entry(String sql, boolean sqlCut, SqlShape shape, int batchSize, long nanos, String error, CallSite callSite,
            long parameterKey, List<String> parameters, String attribution, long rows) {
        this.sql = sql;
        this.sqlCut = sqlCut;
        this.shape = shape;
        this.batchSize = batchSize;
        this.nanos = nanos;
        this.error = error;
        this.callSite = callSite;
        this.parameterKey = parameterKey;
        this.parameters = parameters;
        this.attribution = attribution;
        this.rows = rows;
    }

    StatementKind kind() {
        return shape.kind();
    }

    RecordedStatement toRecorded() {
        return new RecordedStatement(sql, shape.fingerprint(), shape.kind(), batchSize, rows,
                Duration.ofNanos(nanos), error, callSite, parameters, attribution, plan);
    }
}
