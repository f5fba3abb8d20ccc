package dev.ludicrous.query.p6spy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.QueryScope;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class QueryInspectorModuleTest {

    @AfterEach
    void forget() {
        QueryInspectorModule.use(null);
    }

    @Test
    void statementsThroughThePsySpyDriverReachTheInspectorInUse() throws SQLException {
        // What a user puts in spy.properties; p6spy also reads it from system properties.
        System.setProperty("p6spy.config.modulelist", QueryInspectorModule.class.getName());
        QueryInspector inspector = QueryInspector.builder().build();
        QueryInspectorModule.use(inspector);

        QueryReport report;
        try (QueryScope scope = inspector.open("driver url");
                Connection connection = DriverManager.getConnection("jdbc:p6spy:h2:mem:module;DB_CLOSE_DELAY=-1")) {
            connection.createStatement().execute("create table item (id int primary key)");
            try (PreparedStatement insert = connection.prepareStatement("insert into item values (?)")) {
                for (int id = 1; id <= 3; id++) {
                    insert.setInt(1, id);
                    insert.executeUpdate();
                }
            }
            report = scope.report();
        }

        assertThat(report.count()).isEqualTo(4);
        assertThat(report.insertCount()).isEqualTo(3);
        assertThat(report.similarGroups()).singleElement().satisfies(group -> assertThat(group.count()).isEqualTo(3));
    }
}
