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
        StringBuilder line = new StringBuilder("[SQL] ")
                .append(identical ? "identical query (" : "repeated query (").append(count).append("x, ")
                .append(Reports.millis(totalTime)).append(" ms): ").append(fingerprint);
        if (!callSites.isEmpty()) {
            line.append(" at ");
            Reports.join(line, callSites);
        }
        if (!attributions.isEmpty()) {
            line.append("; ");
            Reports.join(line, attributions);
        }
        return line.toString();
    }
}
