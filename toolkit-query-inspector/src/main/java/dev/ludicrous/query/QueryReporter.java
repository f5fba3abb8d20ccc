package dev.ludicrous.query;

/**
 * Receives the report of every scope when it closes. Implement it in a few lines to send reports
 * where you need them; {@link Slf4jReporter} writes them to the log.
 *
 * <p>Called on the thread that closes the scope. An exception thrown here is caught and logged
 * once by the inspector; it never reaches the code that closed the scope.
 */
@FunctionalInterface
public interface QueryReporter {
    /**
     * Handles the final report of a scope.
     *
     * @param report what the scope recorded
     */
    void report(QueryReport report);
}
