package dev.ludicrous.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;

class QueryInspectorTest {
    private final DataSource raw = H2Database.withBlogSchema();

    private static String authorName(DataSource dataSource, long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select name from author where id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Test
    void everyStatementInAScopeIsRecordedWithItsKindAndRows() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);

        QueryReport report;
        try (QueryScope scope = inspector.open("page")) {
            assertThat(authorName(dataSource, 2)).isEqualTo("author 2");
            execute(dataSource, "insert into author values (9, 'new')");
            execute(dataSource, "update post set title = 'x' where author_id = 9");
            try (Connection connection = dataSource.getConnection();
                    ResultSet rows = connection.createStatement().executeQuery("select id from post order by id")) {
                while (rows.next()) {
                    rows.getLong(1);
                }
            }
            report = scope.report();
        }

        assertThat(report.count()).isEqualTo(4);
        assertThat(report.selectCount()).isEqualTo(2);
        assertThat(report.insertCount()).isEqualTo(1);
        assertThat(report.updateCount()).isEqualTo(1);
        assertThat(report.statements()).extracting(RecordedStatement::kind).containsExactly(
                StatementKind.SELECT, StatementKind.INSERT, StatementKind.UPDATE, StatementKind.SELECT);
        assertThat(report.statements().get(0).sql()).isEqualTo("select name from author where id = ?");
        assertThat(report.statements().get(0).rows()).isEqualTo(1);
        assertThat(report.statements().get(3).rows()).isEqualTo(5);
        assertThat(report.summary()).startsWith("page: 4 queries (2 select, 1 insert, 1 update) in ")
                .endsWith("0 similar, 0 identical");
    }

    @Test
    void rowsOfAReusedStatementBelongToEachExecution() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);

        try (QueryScope scope = inspector.open("reuse");
                Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select id from post where id <= ?")) {
            for (long limit = 1; limit <= 3; limit++) {
                statement.setLong(1, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        rows.getLong(1);
                    }
                }
            }
            assertThat(scope.report().statements()).extracting(RecordedStatement::rows).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void slowSelectsAreExplainedOffThreadAndWritesNever() throws SQLException {
        QueryInspector inspector = QueryInspector.builder()
                .explainSlowerThan(java.time.Duration.ofNanos(1), java.time.Duration.ofMinutes(1), raw)
                .build();
        DataSource dataSource = inspector.wrap(raw);

        try (QueryScope scope = inspector.open("slow")) {
            authorName(dataSource, 2);
            execute(dataSource, "update post set title = 'y' where id = 2");

            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> scope.report().statements().get(0).plan() != null);
            QueryReport report = scope.report();
            assertThat(report.statements().get(0).plan()).containsIgnoringCase("PRIMARY_KEY");
            assertThat(report.statements().get(1).plan()).isNull();
            assertThat(report.count()).isEqualTo(2);
        }
    }

    @Test
    void statementsOutsideAnyScopeAreNotRecorded() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);
        authorName(dataSource, 1);

        try (QueryScope scope = inspector.open("empty")) {
            assertThat(scope.report().count()).isZero();
        }
    }

    @Test
    void repeatedQueryWithOtherValuesIsASimilarGroupWithItsCallSite() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);

        QueryReport report;
        try (QueryScope scope = inspector.open("loop")) {
            for (long id = 1; id <= 5; id++) {
                authorName(dataSource, id);
            }
            authorName(dataSource, 3);
            report = scope.report();
        }

        assertThat(report.similarGroups()).singleElement().satisfies(group -> {
            assertThat(group.count()).isEqualTo(6);
            assertThat(group.fingerprint()).isEqualTo("select name from author where id = ?");
            assertThat(group.callSites()).singleElement().satisfies(site -> {
                assertThat(site.className()).isEqualTo(QueryInspectorTest.class.getName());
                assertThat(site.methodName()).isEqualTo("authorName");
                assertThat(site.toString()).startsWith("QueryInspectorTest.java:");
            });
        });
        assertThat(report.identicalGroups()).singleElement().satisfies(group -> assertThat(group.count()).isEqualTo(2));
        assertThat(report.summary()).endsWith("6 similar, 2 identical");
    }

    @Test
    void callSitesCanBeSwitchedOff() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().callSites(false).build();
        DataSource dataSource = inspector.wrap(raw);

        try (QueryScope scope = inspector.open("quiet")) {
            authorName(dataSource, 1);
            assertThat(scope.report().statements()).singleElement()
                    .satisfies(statement -> assertThat(statement.callSite()).isNull());
        }
    }

    @Test
    void outerScopeAlsoSeesInnerScopesStatements() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);

        try (QueryScope outer = inspector.open("request")) {
            authorName(dataSource, 1);
            try (QueryScope inner = inspector.open("sidebar")) {
                authorName(dataSource, 2);
                assertThat(inner.report().count()).isEqualTo(1);
            }
            authorName(dataSource, 3);
            assertThat(outer.report().count()).isEqualTo(3);
        }
    }

    @Test
    void statementsOfTwoThreadsInTwoScopesNeverMix() throws Exception {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<CompletableFuture<QueryReport>> reports = new ArrayList<>();
            for (int worker = 0; worker < 2; worker++) {
                long authorId = worker + 1;
                int statements = worker == 0 ? 3 : 7;
                reports.add(CompletableFuture.supplyAsync(() -> {
                    try (QueryScope scope = inspector.open("worker " + authorId)) {
                        together.await(10, TimeUnit.SECONDS);
                        for (int i = 0; i < statements; i++) {
                            authorName(dataSource, authorId);
                        }
                        together.await(10, TimeUnit.SECONDS);
                        return scope.report();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, threads));
            }

            assertThat(reports.get(0).get(10, TimeUnit.SECONDS).count()).isEqualTo(3);
            assertThat(reports.get(1).get(10, TimeUnit.SECONDS).count()).isEqualTo(7);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void sharedScopeRecordsEveryThread() throws Exception {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);

        try (QueryScope scope = inspector.openShared("whole test")) {
            CompletableFuture.runAsync(() -> {
                try {
                    authorName(dataSource, 1);
                    authorName(dataSource, 2);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            authorName(dataSource, 3);

            assertThat(scope.report().count()).isEqualTo(3);
            assertThat(scope.report().similarGroups()).singleElement()
                    .satisfies(group -> assertThat(group.count()).isEqualTo(3));
        }
    }

    @Test
    void aBatchCountsAsOneStatementWithItsSize() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);

        try (QueryScope scope = inspector.open("import");
                Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("insert into author values (?, ?)")) {
            for (int i = 100; i < 110; i++) {
                insert.setLong(1, i);
                insert.setString(2, "batch " + i);
                insert.addBatch();
            }
            insert.executeBatch();

            QueryReport report = scope.report();
            assertThat(report.count()).isEqualTo(1);
            assertThat(report.insertCount()).isEqualTo(1);
            assertThat(report.statements().get(0).batchSize()).isEqualTo(10);
            assertThat(report.statements().get(0).rows()).isEqualTo(10);
            assertThat(report.hasRepeatedQueries()).isFalse();
        }
    }

    @Test
    void failedStatementIsRecordedWithItsErrorAndRethrownUnchanged() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);
        SQLException direct = null;
        try {
            execute(raw, "select nope from author");
        } catch (SQLException e) {
            direct = e;
        }

        try (QueryScope scope = inspector.open("broken")) {
            SQLException expected = direct;
            assertThatThrownBy(() -> execute(dataSource, "select nope from author"))
                    .isInstanceOf(expected.getClass())
                    .hasMessage(expected.getMessage());

            QueryReport report = scope.report();
            assertThat(report.failedCount()).isEqualTo(1);
            assertThat(report.statements().get(0).error()).contains("NOPE").contains("SQLState");
        }
    }

    @Test
    void wrappingTwiceDoesNotCountTwiceAndUnwrapReachesTheDriver() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource once = inspector.wrap(raw);
        DataSource twice = inspector.wrap(once);

        assertThat(twice).isSameAs(once);
        assertThat(once.unwrap(org.h2.jdbcx.JdbcDataSource.class)).isSameAs(raw);
        try (QueryScope scope = inspector.open("unwrap"); Connection connection = once.getConnection()) {
            assertThat(connection.isWrapperFor(JdbcConnection.class)).isTrue();
            assertThat(connection.unwrap(JdbcConnection.class)).isInstanceOf(JdbcConnection.class);
            assertThat(inspector.wrap(connection)).isSameAs(connection);
            connection.createStatement().execute("select 1");
            assertThat(scope.report().count()).isEqualTo(1);
        }
    }

    @Test
    void scopeKeepsDetailUpToItsLimitAndCountsTheRest() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().maxStatementsPerScope(3).build();
        DataSource dataSource = inspector.wrap(raw);

        try (QueryScope scope = inspector.open("many")) {
            for (int i = 0; i < 10; i++) {
                authorName(dataSource, 1);
            }
            QueryReport report = scope.report();
            assertThat(report.count()).isEqualTo(10);
            assertThat(report.statements()).hasSize(3);
            assertThat(report.unrecordedCount()).isEqualTo(7);
            assertThat(report.describe()).contains("... and 7 more, counted but not kept");
        }
    }

    @Test
    void parameterValuesAreRedactedUnlessShown() throws SQLException {
        QueryInspector showing = QueryInspector.builder().showParameterValues(true).build();
        QueryInspector hiding = QueryInspector.builder().build();
        try (QueryScope scope = hiding.open("hidden")) {
            authorName(hiding.wrap(raw), 4);
            assertThat(scope.report().statements().get(0).parameters()).isEmpty();
            assertThat(scope.report().describe()).doesNotContain("[4]");
        }
        try (QueryScope scope = showing.open("shown")) {
            authorName(showing.wrap(raw), 4);
            assertThat(scope.report().statements().get(0).parameters()).containsExactly("4");
        }
    }

    @Test
    void reporterFailureNeverReachesTheApplication() throws SQLException {
        List<QueryReport> delivered = new ArrayList<>();
        QueryInspector inspector = QueryInspector.builder()
                .reporter(report -> {
                    throw new IllegalStateException("reporter bug");
                })
                .reporter(delivered::add)
                .build();
        DataSource dataSource = inspector.wrap(raw);

        try (QueryScope scope = inspector.open("page")) {
            authorName(dataSource, 1);
        }

        assertThat(delivered).singleElement().satisfies(report -> assertThat(report.count()).isEqualTo(1));
    }

    @Test
    void attributionLabelsTheStatementsRunWhileItIsOpen() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        DataSource dataSource = inspector.wrap(raw);

        try (QueryScope scope = inspector.open("page")) {
            try (QueryAttribution ignored = QueryAttribution.open("sidebar")) {
                authorName(dataSource, 1);
            }
            authorName(dataSource, 2);
            assertThat(scope.report().statements()).extracting(RecordedStatement::attribution)
                    .containsExactly("sidebar", null);
        }
    }

    @Test
    void invalidSettingsNameTheSettingTheRuleAndTheValue() {
        assertThatThrownBy(() -> QueryInspector.builder().maxStatementsPerScope(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxStatementsPerScope must be at least 1, but was 0");
        assertThatThrownBy(() -> QueryInspector.builder().maxSqlLength(10).build())
                .hasMessage("maxSqlLength must be at least 100, but was 10");
        assertThatThrownBy(() -> QueryInspector.builder()
                .explainSlowerThan(java.time.Duration.ofMillis(-1), java.time.Duration.ofMinutes(1), raw).build())
                .hasMessage("explainSlowerThan threshold must be positive, but was PT-0.001S");
        assertThatThrownBy(() -> QueryInspector.builder().excludeFromCallSites(" ").build())
                .hasMessageStartingWith("excludeFromCallSites must be given non-blank prefixes");
    }

    @Test
    void longSqlIsStoredCutWithItsLength() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().maxSqlLength(100).build();
        DataSource dataSource = inspector.wrap(raw);
        String sql = "select id from author where name in (" + "'x', ".repeat(200) + "'y')";

        try (QueryScope scope = inspector.open("long")) {
            execute(dataSource, sql);
            RecordedStatement statement = scope.report().statements().get(0);
            assertThat(statement.sql()).hasSize(100 + ("... [" + sql.length() + " chars]").length());
            assertThat(statement.fingerprint()).isEqualTo("select id from author where name in (?...)");
        }
    }
}
