package dev.ludicrous.cache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Statement;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;

/** Bulk statements on an in-memory H2 database. */
class BulkStatementInvalidationTest extends BulkStatementCases {
    @Override
    void configureDatabase(Configuration configuration) {
        configuration.setProperty("hibernate.connection.url", "jdbc:h2:mem:" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .setProperty("hibernate.hbm2ddl.auto", "create-drop");
    }

    @Override
    void dropDatabase() {
        // create-drop removed it with the session factory
    }

    @Test
    void withSupertypesNamesTheTypeThenEachEntitySuperclass() {
        assertThat(EntityNamespaces.withSupertypes(Article.class)).containsExactly("Article", "Post");
        assertThat(EntityNamespaces.withSupertypes(Post.class)).containsExactly("Post");
    }

    @Test
    void rawJdbcIsNotSeenAndIsBumpedByHandWithTheSupertypes() {
        String posts = cached(Post.class);
        String articles = cached(Article.class);

        sessions.inTransaction(session -> session.doWork(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("update Post set summary = 'raw' where DTYPE = 'Article'");
            }
        }));
        assertThat(cached(Article.class)).isEqualTo(articles);

        // snippet: bump-by-hand
        // rows of the article table were changed with plain JDBC, and committed:
        manager.bump(EntityNamespaces.withSupertypes(Article.class)); // "Article", "Post"
        // end-snippet

        assertThat(cached(Article.class)).isNotEqualTo(articles);
        assertThat(cached(Post.class)).isNotEqualTo(posts);
    }
}
