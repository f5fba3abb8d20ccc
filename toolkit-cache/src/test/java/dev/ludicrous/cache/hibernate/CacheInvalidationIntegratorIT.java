package dev.ludicrous.cache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ludicrous.cache.Cache;
import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.Codec;
import dev.ludicrous.testsupport.RequiresPostgres;
import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/**
 * Two app nodes on the real PostgreSQL and Redis: a commit through Hibernate on one node refreshes
 * the page cached on the other.
 */
@RequiresPostgres
@RequiresRedis
class CacheInvalidationIntegratorIT {
    @Test
    void commitOnOneNodeRefreshesTheCachedPageOnAnother() throws SQLException {
        String schema = TestServices.uniqueName("cache_hib");
        String prefix = schema + ":";
        String uri = TestServices.redisUri().toString();
        try (Connection admin = DriverManager.getConnection(TestServices.postgresUrl());
                RedisClient redisA = RedisClient.create(uri);
                RedisClient redisB = RedisClient.create(uri);
                CacheManager nodeA = CacheManager.builder().redis(redisA).keyPrefix(prefix).build();
                CacheManager nodeB = CacheManager.builder().redis(redisB).keyPrefix(prefix).build()) {
            try (Statement statement = admin.createStatement()) {
                statement.execute("create schema " + schema);
            }
            try (SessionFactory sessions = sessionFactory(schema, nodeA)) {
                long id = sessions.fromTransaction(session -> {
                    Post post = new Post("hello");
                    session.persist(post);
                    return post.id;
                });
                Cache<String> pageOnB = nodeB.cache("pages", Codec.string())
                        .dependingOn(EntityNamespaces.object(Post.class, id));
                String title = sessions.fromSession(session -> session.find(Post.class, id).title);
                assertThat(pageOnB.get("/posts/" + id, () -> "<h1>" + title + "</h1>")).isEqualTo("<h1>hello</h1>");

                sessions.inTransaction(session -> session.find(Post.class, id).title = "edited");

                await().atMost(Duration.ofSeconds(10)).until(() -> pageOnB.get("/posts/" + id,
                        () -> "<h1>" + sessions.fromSession(session -> session.find(Post.class, id).title) + "</h1>")
                        .equals("<h1>edited</h1>"));
            } finally {
                try (Statement statement = admin.createStatement()) {
                    statement.execute("drop schema " + schema + " cascade");
                }
                for (String key : redisA.keys(prefix + "*")) {
                    redisA.del(key);
                }
            }
        }
    }

    private static SessionFactory sessionFactory(String schema, CacheManager manager) {
        Configuration configuration = new Configuration().addAnnotatedClass(Post.class)
                .setProperty("hibernate.connection.url", TestServices.postgresUrl())
                .setProperty("hibernate.default_schema", schema)
                .setProperty("hibernate.hbm2ddl.auto", "create");
        configuration.getProperties().put(CacheInvalidationIntegrator.MANAGER_PROPERTY, manager);
        return configuration.buildSessionFactory();
    }
}
