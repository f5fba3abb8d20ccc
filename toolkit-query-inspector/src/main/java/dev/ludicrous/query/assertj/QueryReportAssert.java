package dev.ludicrous.query.assertj;

import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.StatementGroup;
import dev.ludicrous.query.StatementKind;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link QueryReport}. Every failure prints the expected and actual
 * values, then each statement in order with its call site, then the repeated groups.
 *
 * <pre>{@code
 * assertThat(scope.report()).hasSelectCount(2).hasNoRepeatedQueries();
 * }</pre>
 */
public final class QueryReportAssert extends AbstractAssert<QueryReportAssert, QueryReport> {

    QueryReportAssert(QueryReport actual) {
        super(actual, QueryReportAssert.class);
    }

    /**
     * Checks the number of statements of any kind.
     *
     * @param expected the expected count
     * @return this assertion
     */
    public QueryReportAssert hasCount(long expected) {
        return hasCount(expected, actual.count(), "statement");
    }

    /**
     * Checks the number of {@code SELECT}s.
     *
     * @param expected the expected count
     * @return this assertion
     */
    public QueryReportAssert hasSelectCount(long expected) {
        return hasCount(expected, actual.count(StatementKind.SELECT), "select");
    }

    /**
     * Checks the number of {@code INSERT}s.
     *
     * @param expected the expected count
     * @return this assertion
     */
    public QueryReportAssert hasInsertCount(long expected) {
        return hasCount(expected, actual.count(StatementKind.INSERT), "insert");
    }

    /**
     * Checks the number of {@code UPDATE}s.
     *
     * @param expected the expected count
     * @return this assertion
     */
    public QueryReportAssert hasUpdateCount(long expected) {
        return hasCount(expected, actual.count(StatementKind.UPDATE), "update");
    }

    /**
     * Checks the number of {@code DELETE}s.
     *
     * @param expected the expected count
     * @return this assertion
     */
    public QueryReportAssert hasDeleteCount(long expected) {
        return hasCount(expected, actual.count(StatementKind.DELETE), "delete");
    }

    /**
     * Checks that at most {@code limit} statements ran.
     *
     * @param limit the most statements allowed
     * @return this assertion
     */
    public QueryReportAssert hasAtMost(long limit) {
        isNotNull();
        if (actual.count() > limit) {
            failWithMessage("%s", "Expected at most " + limit + " statements but " + actual.count() + " ran.\n"
                    + actual.describe());
        }
        return this;
    }

    /**
     * Checks that no statement shape ran more than once outside a batch.
     *
     * @return this assertion
     */
    public QueryReportAssert hasNoRepeatedQueries() {
        return hasNoGroups(actual == null ? List.of() : actual.repeatedGroups(), "repeated");
    }

    /**
     * Checks that no statement ran more than once with the same SQL and the same values.
     *
     * @return this assertion
     */
    public QueryReportAssert hasNoIdenticalQueries() {
        return hasNoGroups(actual == null ? List.of() : actual.identicalGroups(), "identical");
    }

    /**
     * Checks that no statement shape ran more than once with other values (the N+1 signature).
     *
     * @return this assertion
     */
    public QueryReportAssert hasNoSimilarQueries() {
        return hasNoGroups(actual == null ? List.of() : actual.similarGroups(), "similar");
    }

    private QueryReportAssert hasCount(long expected, long count, String kind) {
        isNotNull();
        if (count != expected) {
            failWithMessage("%s", "Expected " + expected + " " + kind + (expected == 1 ? "" : "s") + " but " + count
                    + " ran.\n" + actual.describe());
        }
        return this;
    }

    private QueryReportAssert hasNoGroups(List<StatementGroup> groups, String what) {
        isNotNull();
        if (!groups.isEmpty()) {
            failWithMessage("%s", "Expected no " + what + " queries but found " + groups.size() + ".\n"
                    + actual.describe());
        }
        return this;
    }
}
