package dev.ludicrous.query.assertj;

import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.QueryScope;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * Entry points of the AssertJ assertions:
 *
 * <pre>{@code
 * assertQueries(inspector, () -> homepage.render())
 *     .hasSelectCount(2)
 *     .hasNoRepeatedQueries();
 * }</pre>
 */
public final class QueryAssertions {
    private QueryAssertions() {
    }

    /**
     * Starts assertions on a report.
     *
     * @param report the report to check
     * @return the assertion
     */
    public static QueryReportAssert assertThat(QueryReport report) {
        return new QueryReportAssert(report);
    }

    /**
     * Runs {@code code} in a scope of {@code inspector} on the current thread and starts
     * assertions on what it ran. An exception from {@code code} propagates unchanged (checked
     * ones wrapped in a {@link RuntimeException}).
     *
     * @param inspector the inspector that wraps the data source the code uses
     * @param code      the code whose statements to count
     * @return the assertion on the code's report
     */
    public static QueryReportAssert assertQueries(QueryInspector inspector, ThrowingCallable code) {
        QueryReport report;
        try (QueryScope scope = inspector.open("assertQueries")) {
            code.call();
            report = scope.report();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new RuntimeException(e);
        }
        return new QueryReportAssert(report);
    }
}
