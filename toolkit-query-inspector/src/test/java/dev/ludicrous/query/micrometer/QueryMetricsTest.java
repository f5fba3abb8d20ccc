package dev.ludicrous.query.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.query.H2Database;
import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class QueryMetricsTest {

    private static void run(QueryInspector inspector, DataSource dataSource, String scopeName) throws SQLException {
        try (QueryScope scope = inspector.open(scopeName);
                Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select name from author where id = ?")) {
            for (int id = 1; id <= 3; id++) {
                select.setInt(1, id);
                select.executeQuery().close();
            }
            connection.createStatement().executeUpdate("update post set title = 'x' where id = 1");
        }
    }

    @Test
    void statementsAreTimedByKindAndRepeatsCounted() throws SQLException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QueryMetrics metrics = QueryMetrics.builder().build();
        metrics.bindTo(registry);
        QueryInspector inspector = QueryInspector.builder().reporter(metrics).build();
        DataSource dataSource = inspector.wrap(H2Database.withBlogSchema());

        run(inspector, dataSource, "GET /posts/1");
        run(inspector, dataSource, "GET /posts/2");

        assertThat(registry.get("ludicrous.query.statements").tag("kind", "select").timer().count()).isEqualTo(6);
        assertThat(registry.get("ludicrous.query.statements").tag("kind", "update").timer().count()).isEqualTo(2);
        assertThat(registry.get("ludicrous.query.scope.statements").summary().count()).isEqualTo(2);
        assertThat(registry.get("ludicrous.query.scope.statements").summary().totalAmount()).isEqualTo(8);
        assertThat(registry.get("ludicrous.query.repeated").tag("type", "similar").counter().count()).isEqualTo(2);
        assertThat(registry.find("ludicrous.query.statements").tagKeys("scope").timers()).isEmpty();
    }

    @Test
    void scopeTagIsAddedOnlyWhenAskedFor() throws SQLException {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        QueryMetrics metrics = QueryMetrics.builder().scopeTag(true).build();
        metrics.bindTo(registry);
        QueryInspector inspector = QueryInspector.builder().reporter(metrics).build();

        run(inspector, inspector.wrap(H2Database.withBlogSchema()), "homepage");

        assertThat(registry.get("ludicrous.query.statements").tags("kind", "select", "scope", "homepage").timer().count())
                .isEqualTo(3);
    }
}
