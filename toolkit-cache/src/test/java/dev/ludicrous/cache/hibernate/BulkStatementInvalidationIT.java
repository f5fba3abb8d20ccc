package dev.ludicrous.cache.hibernate;

import dev.ludicrous.testsupport.RequiresPostgres;
import dev.ludicrous.testsupport.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.hibernate.cfg.Configuration;

/**
 * Bulk statements on the real PostgreSQL, each test in its own schema. There, a bulk statement on
 * a joined subtype runs as one statement with common table expressions.
 */
@RequiresPostgres
class BulkStatementInvalidationIT extends BulkStatementCases {
    private final String schema = TestServices.uniqueName("cache_bulk");

    @Override
    void configureDatabase(Configuration configuration) {
        execute("create schema " + schema);
        configuration.setProperty("hibernate.connection.url", TestServices.postgresUrl())
                .setProperty("hibernate.default_schema", schema)
                .setProperty("hibernate.hbm2ddl.auto", "create");
    }

    @Override
    void dropDatabase() {
        execute("drop schema " + schema + " cascade");
    }

    private static void execute(String sql) {
        try (Connection admin = DriverManager.getConnection(TestServices.postgresUrl());
                Statement statement = admin.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }
}
