package dev.ludicrous.query.assertj;

import static dev.ludicrous.query.assertj.QueryAssertions.assertQueries;
import static dev.ludicrous.query.assertj.QueryAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.query.H2Database;
import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class QueryReportAssertTest {
    private final QueryInspector inspector = QueryInspector.builder().build();
    private final DataSource dataSource = inspector.wrap(H2Database.withBlogSchema());

    private void lookUp(long... ids) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select name from author where id = ?")) {
            for (long id : ids) {
                statement.setLong(1, id);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                }
            }
        }
    }

    @Test
    void passingAssertionsChain() throws SQLException {
        try (QueryScope scope = inspector.open("one")) {
            lookUp(1);
            assertThat(scope.report()).hasSelectCount(1).hasCount(1).hasInsertCount(0).hasAtMost(1)
                    .hasNoRepeatedQueries();
        }
    }

    @Test
    void assertQueriesCountsWhatTheCodeRan() {
        assertQueries(inspector, () -> lookUp(1, 2)).hasSelectCount(2).hasNoIdenticalQueries();
    }

    @Test
    void failureShowsExpectedActualAndEveryStatement() {
        assertThatThrownBy(() -> assertQueries(inspector, () -> lookUp(1, 2, 3)).hasSelectCount(1))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("Expected 1 select but 3 ran.\n")
                .hasMessageContaining("   3. select: select name from author where id = ?")
                .hasMessageContaining("[SQL] repeated query (3x");
    }

    @Test
    void similarAndIdenticalRepeatsAreToldApart() {
        assertQueries(inspector, () -> lookUp(1, 1)).hasNoSimilarQueries();
        assertThatThrownBy(() -> assertQueries(inspector, () -> lookUp(1, 1)).hasNoIdenticalQueries())
                .hasMessageStartingWith("Expected no identical queries but found 1.");
        assertThatThrownBy(() -> assertQueries(inspector, () -> lookUp(1, 2)).hasNoSimilarQueries())
                .hasMessageStartingWith("Expected no similar queries but found 1.");
    }
}
