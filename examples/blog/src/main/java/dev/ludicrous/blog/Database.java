package dev.ludicrous.blog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ludicrous.blog.model.Author;
import dev.ludicrous.blog.model.Comment;
import dev.ludicrous.blog.model.Post;
import dev.ludicrous.blog.model.Tag;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * The connection pool and the Hibernate session factory on top of it. The pool is handed to
 * {@code wrapper} before Hibernate sees it: that is where the query inspector goes.
 */
final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final SessionFactory sessionFactory;

    Database(BlogConfig config, UnaryOperator<DataSource> wrapper) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("blog");
        hikari.setJdbcUrl(config.dbUrl);
        // Unset rather than empty, so that a user or password given in the URL still counts.
        if (!config.dbUser.isEmpty()) {
            hikari.setUsername(config.dbUser);
        }
        if (!config.dbPassword.isEmpty()) {
            hikari.setPassword(config.dbPassword);
        }
        hikari.setMaximumPoolSize(config.poolSize);
        if (!config.dbSchema.isEmpty()) {
            // The schema may not exist yet: Hibernate creates it (create_namespaces) before the tables.
            hikari.setConnectionInitSql(config.isH2()
                    ? "create schema if not exists " + config.dbSchema + "; set schema " + config.dbSchema
                    : "create schema if not exists " + config.dbSchema + "; set search_path to " + config.dbSchema);
        }
        pool = new HikariDataSource(hikari);
        try {
            dataSource = wrapper.apply(pool);
            StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
                    .applySetting(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource)
                    .applySetting(AvailableSettings.HBM2DDL_AUTO, "update")
                    .applySetting(AvailableSettings.GENERATE_STATISTICS, "true")
                    .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, "50")
                    .applySetting(AvailableSettings.ORDER_INSERTS, "true")
                    .applySetting(AvailableSettings.FAIL_ON_PAGINATION_OVER_COLLECTION_FETCH, "true")
                    .build();
            sessionFactory = new MetadataSources(registry)
                    .addAnnotatedClasses(Author.class, Tag.class, Post.class, Comment.class)
                    .buildMetadata()
                    .buildSessionFactory();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** The DataSource the application uses (the pool, wrapped). */
    DataSource dataSource() {
        return dataSource;
    }

    /** The pool itself, for bulk work that is not worth inspecting (the seeder). */
    DataSource pool() {
        return pool;
    }

    SessionFactory sessionFactory() {
        return sessionFactory;
    }

    <T> T read(Function<Session, T> work) {
        return sessionFactory.fromSession(work);
    }

    <T> T write(Function<Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }

    void writeAll(Consumer<Session> work) {
        sessionFactory.inTransaction(work);
    }

    @Override
    public void close() {
        try {
            sessionFactory.close();
        } finally {
            pool.close();
        }
    }
}
