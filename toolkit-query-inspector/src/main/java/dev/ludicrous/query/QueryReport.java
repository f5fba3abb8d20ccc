package dev.ludicrous.query;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link QueryScope} recorded: totals per kind, total time, the statements in order and the
 * groups of repeated ones. Immutable.
 *
 * <p>Totals count every statement; {@link #statements()} and the groups cover the first
 * {@code maxStatementsPerScope} of them ({@link #unrecordedCount()} says how many more ran).
 */
public final class QueryReport {
    private final String scopeName;
    private final List<RecordedStatement> statements;
    private final List<StatementGroup> groups;
    private final long[] counts;
    private final long totalNanos;
    private final long failed;

    QueryReport(String scopeName, List<RecordedStatement> statements, List<StatementGroup> groups,
            long[] counts, long totalNanos, long failed) {
        this.scopeName = Objects.requireNonNull(scopeName, "scopeName");
        this.statements = List.copyOf(statements);
        this.groups = List.copyOf(groups);
        this.counts = counts.clone();
        this.totalNanos = totalNanos;
        this.failed = failed;
    }

    /** Returns the name of the scope. */
    public String scopeName() {
        return scopeName;
    }

    /** Returns how many statements ran in the scope; a batch counts as one. */
    public long count() {
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** Returns how many statements of the given kind ran. */
    public long count(StatementKind kind) {
        return counts[kind.ordinal()];
    }

    /** Returns how many {@code SELECT}s ran. */
    public long selectCount() {
        return count(StatementKind.SELECT);
    }

    /** Returns how many {@code INSERT}s ran. */
    public long insertCount() {
        return count(StatementKind.INSERT);
    }

    /** Returns how many {@code UPDATE}s ran. */
    public long updateCount() {
        return count(StatementKind.UPDATE);
    }

    /** Returns how many {@code DELETE}s ran. */
    public long deleteCount() {
        return count(StatementKind.DELETE);
    }

    /** Returns how many statements failed. */
    public long failedCount() {
        return failed;
    }

    /** Returns the time the database took for all statements together. */
    public Duration totalTime() {
        return Duration.ofNanos(totalNanos);
    }

    /** Returns the statements in the order they ran (the first {@code maxStatementsPerScope}). */
    public List<RecordedStatement> statements() {
        return statements;
    }

    /** Returns how many statements ran beyond the detail limit and are counted but not listed. */
    public long unrecordedCount() {
        return count() - statements.size();
    }

    /** Returns every repeated group: similar groups first, then identical ones, larger groups first. */
    public List<StatementGroup> repeatedGroups() {
        return groups;
    }

    /** Returns the groups of similar statements (same shape, other values: the N+1 signature). */
    public List<StatementGroup> similarGroups() {
        return groups.stream().filter(group -> !group.identical()).toList();
    }

    /** Returns the groups of identical statements (same SQL and values, run more than once). */
    public List<StatementGroup> identicalGroups() {
        return groups.stream().filter(StatementGroup::identical).toList();
    }

    /** Returns true when some statement shape ran more than once in the scope (outside batches). */
    public boolean hasRepeatedQueries() {
        return !groups.isEmpty();
    }

    /**
     * Returns the one-line summary:
     * {@code homepage: 42 queries (41 select, 1 insert) in 38.0 ms; 40 similar, 0 identical}.
     */
    public String summary() {
        StringBuilder line = new StringBuilder(scopeName).append(": ").append(count())
                .append(count() == 1 ? " query" : " queries");
        String separator = " (";
        for (StatementKind kind : StatementKind.values()) {
            if (count(kind) > 0) {
                line.append(separator).append(count(kind)).append(' ').append(kind.label());
                separator = ", ";
            }
        }
        if (!separator.equals(" (")) {
            line.append(')');
        }
        line.append(" in ").append(Reports.millis(totalTime())).append(" ms; ")
                .append(statementsIn(similarGroups())).append(" similar, ")
                .append(statementsIn(identicalGroups())).append(" identical");
        if (failed > 0) {
            line.append("; ").append(failed).append(" failed");
        }
        return line.toString();
    }

    private static int statementsIn(List<StatementGroup> groups) {
        int total = 0;
        for (StatementGroup group : groups) {
            total += group.count();
        }
        return total;
    }

    /**
     * Returns the summary, then every statement in order with its call site, then the repeated
     * groups: the text a test failure prints so that a developer can act without a debugger.
     */
    public String describe() {
        StringBuilder text = new StringBuilder(summary()).append('\n');
        if (!statements.isEmpty()) {
            text.append("Statements, in order:\n");
            for (int i = 0; i < statements.size(); i++) {
                text.append(String.format(java.util.Locale.ROOT, "%4d. ", i + 1))
                        .append(statements.get(i).kind().label()).append(": ")
                        .append(statements.get(i)).append('\n');
            }
        }
        if (unrecordedCount() > 0) {
            text.append("     ... and ").append(unrecordedCount()).append(" more, counted but not kept\n");
        }
        if (!groups.isEmpty()) {
            text.append("Repeated:\n");
            for (StatementGroup group : groups) {
                text.append("  ").append(group).append('\n');
            }
        }
        return text.toString();
    }

    /** Returns {@link #summary()}. */
    @Override
    public String toString() {
        return summary();
    }
}
