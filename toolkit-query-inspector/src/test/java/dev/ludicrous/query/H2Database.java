package dev.ludicrous.query;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database with authors and posts, one per test. */
public final class H2Database {
    private static final AtomicInteger NEXT = new AtomicInteger();

    private H2Database() {
    }

    public static DataSource withBlogSchema() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:inspector" + NEXT.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table author (id bigint primary key, name varchar(100))");
            statement.execute("create table post (id bigint auto_increment primary key, author_id bigint, title varchar(200))");
            for (int i = 1; i <= 5; i++) {
                statement.execute("insert into author values (" + i + ", 'author " + i + "')");
                statement.execute("insert into post (author_id, title) values (" + i + ", 'post " + i + "')");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }
}
