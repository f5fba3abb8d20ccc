package dev.ludicrous.query.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.QueryScope;
import dev.ludicrous.query.RecordedStatement;
import dev.ludicrous.query.StatementKind;
import dev.ludicrous.query.junit.ExpectQueries;
import dev.ludicrous.testsupport.RequiresPostgres;
import dev.ludicrous.testsupport.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The inspector on Hibernate over the real PostgreSQL, checked against the server's own counters. */
@RequiresPostgres
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HibernatePostgresIT {
    private final String schema = TestServices.uniqueName("qi_it");
    private final HikariDataSource pool = pool(schema);
    private final QueryInspector inspector = QueryInspector.builder()
            .explainSlowerThan(Duration.ofNanos(1), Duration.ofMinutes(1), pool)
            .build();
    private final BlogFixture blog = new BlogFixture(inspector.wrap(pool), schema);

    private static HikariDataSource pool(String schema) {
        try (Connection connection = java.sql.DriverManager.getConnection(TestServices.postgresUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("create schema " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestServices.postgresUrl());
        // One connection: the statistics this test reads are those of the one backend that ran the work.
        config.setMaximumPoolSize(1);
        return new HikariDataSource(config);
    }

    @AfterAll
    void dropSchema() throws SQLException {
        blog.close();
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema " + schema + " cascade");
        } finally {
            pool.close();
        }
    }

    /** Index and sequential scans PostgreSQL counted on a table of this test's schema. */
    private long scans(String table) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_stat_force_next_flush()");
            statement.execute("select pg_stat_clear_snapshot()");
            try (PreparedStatement read = connection.prepareStatement("select coalesce(seq_scan, 0) + coalesce(idx_scan, 0)"
                    + " from pg_stat_user_tables where schemaname = ? and relname = ?")) {
                read.setString(1, schema);
                read.setString(2, table);
                try (ResultSet rows = read.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : 0;
                }
            }
        }
    }

    @Test
    void naiveHomepageIsOneSimilarGroupOfTwentyOnPostAuthorAndAgreesWithPostgres() throws SQLException {
        long authorScansBefore = scans("author");
        long postScansBefore = scans("post");

        QueryReport report;
        try (QueryScope scope = inspector.open("homepage")) {
            blog.read(BlogFixture::naiveHomepage);
            report = scope.report();
        }

        assertThat(report.selectCount()).isEqualTo(21);
        assertThat(report.similarGroups()).singleElement().satisfies(group -> {
            assertThat(group.count()).isEqualTo(20);
            assertThat(group.lazyAssociation()).isEqualTo("Post.author");
            assertThat(group.callSites()).singleElement()
                    .satisfies(site -> assertThat(site.methodName()).isEqualTo("naiveHomepage"));
        });
        assertThat(scans("author") - authorScansBefore).isEqualTo(20);
        assertThat(scans("post") - postScansBefore).isEqualTo(1);
    }

    @Test
    @ExpectQueries(select = 1)
    void fetchJoinHomepageRunsOneSelect() {
        blog.read(BlogFixture::fetchJoinHomepage);
    }

    @Test
    void aJdbcBatchOfInsertsCountsAsOneStatementWithItsSize() {
        try (QueryScope scope = inspector.open("import")) {
            blog.sessions.inTransaction(session -> {
                session.setJdbcBatchSize(50);
                for (long id = 1_000; id < 1_025; id++) {
                    session.persist(new Author(id, "imported " + id));
                }
            });
            QueryReport report = scope.report();

            assertThat(report.insertCount()).isEqualTo(1);
            assertThat(report.statements()).filteredOn(statement -> statement.kind() == StatementKind.INSERT)
                    .singleElement().satisfies(insert -> {
                        assertThat(insert.batchSize()).isEqualTo(25);
                        assertThat(insert.rows()).isEqualTo(25);
                    });
        }
    }

    @Test
    void slowSelectGetsItsPlanAndTheExplainIsNeverRecorded() {
        try (QueryScope scope = inspector.open("explained")) {
            blog.read(session -> session.find(Post.class, 3L));

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> scope.report().statements().get(0).plan() != null);
            RecordedStatement select = scope.report().statements().get(0);
            assertThat(select.plan()).containsAnyOf("Index Scan", "Seq Scan");
            assertThat(scope.report().count()).isEqualTo(1);
        }
    }
}
