package dev.ludicrous.query;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of work whose statements are recorded: a request, a test, a block of code. Opened by
 * {@link QueryInspector#open(String)} (statements of the opening thread) or
 * {@link QueryInspector#openShared(String)} (statements of every thread), and closed with
 * try-with-resources:
 *
 * <pre>{@code
 * try (QueryScope scope = inspector.open("homepage")) {
 *     render();
 *     QueryReport report = scope.report();
 * }
 * }</pre>
 *
 * <p>Scopes nest: an outer scope also records what inner scopes on the same thread record. A
 * scope keeps the first {@code maxStatementsPerScope} statements in detail and counts the rest.
 * Closing hands the final report to the inspector's reporters. Thread-safe.
 */
public final class QueryScope implements AutoCloseable {
    private final QueryInspector inspector;
    private final String name;
    private final boolean shared;
    private final int detailLimit;
    private final List<Entry> entries = new ArrayList<>();
    private final long[] counts = new long[StatementKind.values().length];
    private long totalNanos;
    private long failed;
    private boolean closed;

    QueryScope(QueryInspector inspector, String name, boolean shared, int detailLimit) {
        this.inspector = inspector;
        this.name = name;
        this.shared = shared;
        this.detailLimit = detailLimit;
    }

    /** Returns the name given when the scope was opened. */
    public String name() {
        return name;
    }

    /** Returns true when the scope records every thread's statements, not just its opener's. */
    public boolean isShared() {
        return shared;
    }

    // Uncontended for a thread's own scope; a shared scope takes statements from many threads.
    synchronized void add(Entry entry) {
        if (closed) {
            return;
        }
        counts[entry.kind().ordinal()]++;
        totalNanos += entry.nanos;
        if (entry.error != null) {
            failed++;
        }
        if (entries.size() < detailLimit) {
            entries.add(entry);
        }
    }

    /**
     * Returns what the scope has recorded so far (or in all, once closed). Each call makes a new
     * snapshot; statements recorded later are not in it.
     */
    public synchronized QueryReport report() {
        List<RecordedStatement> statements = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            statements.add(entry.toRecorded());
        }
        return new QueryReport(name, statements, Grouping.groups(entries), counts, totalNanos, failed);
    }

    /** Returns true once {@link #close()} has run. */
    public synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Stops recording and passes the report to the inspector's reporters. Closing twice does
     * nothing; closing from another thread than the opener is allowed.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        inspector.closed(this);
    }
}
