package dev.ludicrous.query;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Statements of one scope that share a shape: either <em>identical</em> (same SQL, same parameter
 * values: the same answer fetched again) or <em>similar</em> (same fingerprint, other values: one
 * query per item of a loop, the N+1 signature).
 *
 * @param fingerprint  the shared shape of the SQL
 * @param kind         what the statements do
 * @param identical    true for identical statements, false for similar ones
 * @param count        how many statements the group holds
 * @param totalTime    the time they took together
 * @param callSites    the distinct lines of application code that ran them, in order of first use
 * @param attributions the distinct ORM activities behind them (such as {@code lazy load Post.author}), if known
 */
public record StatementGroup(
        String fingerprint,
        StatementKind kind,
        boolean identical,
        int count,
        Duration totalTime,
        List<CallSite> callSites,
        List<String> attributions) {

    /** The attribution prefix the Hibernate integration gives lazy loads: {@code lazy load Post.author}. */
    public static final String LAZY_LOAD = "lazy load ";

    /** Checks the parts and copies the lists. */
    public StatementGroup {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(totalTime, "totalTime");
        callSites = List.copyOf(callSites);
        attributions = List.copyOf(attributions);
    }

    /**
     * Returns the log line for the group:
     * {@code [SQL] repeated query (20x): SELECT ... WHERE id = ? at BlogService.java:57; lazy load Post.author}.
     */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder("[SQL] ");
        String lazy = lazyAssociation();
        if (lazy != null) {
            line.append("N+1 on ").append(lazy).append(" (").append(count).append(" lazy loads, ");
        } else {
            line.append(identical ? "identical query (" : "repeated query (").append(count).append("x, ");
        }
        line.append(Reports.millis(totalTime)).append(" ms): ").append(fingerprint);
        if (!callSites.isEmpty()) {
            line.append(" at ");
            Reports.join(line, callSites);
        }
        if (!attributions.isEmpty() && lazy == null) {
            line.append("; ");
            Reports.join(line, attributions);
        }
        return line.toString();
    }

    /**
     * Returns the association whose lazy loading caused every statement of a similar group, such
     * as {@code Post.author}, or {@code null} when the group has another cause.
     *
     * @return the association, or {@code null}
     */
    public String lazyAssociation() {
        if (identical || attributions.size() != 1 || !attributions.get(0).startsWith(LAZY_LOAD)) {
            return null;
        }
        return attributions.get(0).substring(LAZY_LOAD.length());
    }
}
