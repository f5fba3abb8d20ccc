package dev.ludicrous.query;

/**
 * Labels the statements a thread runs while the attribution is open, so reports can say what was
 * going on: {@code lazy load Post.author}, {@code find Author}, or a label of your own.
 * The Hibernate integration opens these by itself; you can too:
 *
 * <pre>{@code
 * try (QueryAttribution ignored = QueryAttribution.open("rebuild sidebar")) {
 *     sidebar.rebuild();
 * }
 * }</pre>
 *
 * <p>Attributions nest; the innermost one labels a statement. This class owns the thread-bound
 * state: closing restores the previous label, and when the last scope on a thread closes, any
 * attribution left open there is dropped.
 */
public final class QueryAttribution implements AutoCloseable {
    private static final ThreadLocal<QueryAttribution> CURRENT = new ThreadLocal<>();
    // Scopes open in this JVM, across inspectors: integrations skip their work while it is zero.
    private static final java.util.concurrent.atomic.AtomicInteger OPEN_SCOPES = new java.util.concurrent.atomic.AtomicInteger();

    private final String label;
    private final QueryAttribution previous;

    private QueryAttribution(String label, QueryAttribution previous) {
        this.label = label;
        this.previous = previous;
    }

    /**
     * Opens an attribution on the current thread.
     *
     * @param label what the thread is doing; shown beside each statement it runs
     * @return the attribution, to close when the work is done
     */
    public static QueryAttribution open(String label) {
        QueryAttribution attribution = new QueryAttribution(label, CURRENT.get());
        CURRENT.set(attribution);
        return attribution;
    }

    /** Returns the label of the innermost open attribution on this thread, or {@code null}. */
    public static String current() {
        QueryAttribution attribution = CURRENT.get();
        return attribution == null ? null : attribution.label;
    }

    /**
     * Returns true while any query scope is open in this JVM. Integrations that gather
     * attribution (such as the Hibernate one) check this first and do nothing otherwise.
     *
     * @return whether statements may be recorded anywhere right now
     */
    public static boolean anyScopeOpen() {
        return OPEN_SCOPES.get() > 0;
    }

    static void scopeOpened() {
        OPEN_SCOPES.incrementAndGet();
    }

    static void scopeClosed() {
        OPEN_SCOPES.decrementAndGet();
    }

    static void clear() {
        CURRENT.remove();
    }

    /** Returns the label. */
    public String label() {
        return label;
    }

    /** Restores the label that was current when this one opened. */
    @Override
    public void close() {
        if (CURRENT.get() == this) {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
