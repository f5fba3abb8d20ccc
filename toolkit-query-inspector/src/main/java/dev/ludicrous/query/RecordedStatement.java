package dev.ludicrous.query;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One statement that ran while a scope was open.
 *
 * @param sql         the SQL as the application sent it, cut to the inspector's
 *                    {@code maxSqlLength} (default 10 000 characters)
 * @param fingerprint the SQL with literals, placeholder lists and white space folded: statements
 *                    that differ only in values share it
 * @param kind        what the statement does, read from the SQL
 * @param batchSize   the number of parameter sets or statements in a batch, or 1
 * @param rows        rows read (for a query, counted as the application reads them) or affected
 *                    (for a write); -1 when the driver does not say
 * @param duration    the time the driver took to execute, excluding reading the rows
 * @param error       the driver's error message when the statement failed, or {@code null}
 * @param callSite    the line of application code that ran it, or {@code null} when call sites
 *                    are off or no application frame was on the stack
 * @param parameters  the parameter values, rendered, when the inspector was built with
 *                    {@code showParameterValues(true)}; otherwise empty (values are redacted)
 * @param attribution what the application or its ORM was doing, such as
 *                    {@code lazy load Post.author}, or {@code null}
 * @param plan        the database's {@code EXPLAIN} output when the statement was slower than the
 *                    inspector's explain threshold and its plan has arrived, or {@code null}
 */
public record RecordedStatement(
        String sql,
        String fingerprint,
        StatementKind kind,
        int batchSize,
        long rows,
        Duration duration,
        String error,
        CallSite callSite,
        List<String> parameters,
        String attribution,
        String plan) {

    /** Checks the required parts and copies the parameter list. */
    public RecordedStatement {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(duration, "duration");
        parameters = List.copyOf(parameters);
    }

    /** Returns true when the driver reported an error for this statement. */
    public boolean failed() {
        return error != null;
    }

    /** Returns one line: kind, time, SQL, parameters if shown, call site and attribution. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder(sql);
        if (!parameters.isEmpty()) {
            line.append(" ").append(parameters);
        }
        if (batchSize > 1) {
            line.append(" [batch of ").append(batchSize).append("]");
        }
        line.append(" (").append(Reports.millis(duration)).append(" ms");
        if (callSite != null) {
            line.append(", at ").append(callSite);
        }
        if (attribution != null) {
            line.append(", ").append(attribution);
        }
        line.append(")");
        if (error != null) {
            line.append(" FAILED: ").append(error);
        }
        return line.toString();
    }
}
