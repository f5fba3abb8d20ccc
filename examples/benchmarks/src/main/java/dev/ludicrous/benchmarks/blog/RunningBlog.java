package dev.ludicrous.benchmarks.blog;

import dev.ludicrous.blog.Blog;
import dev.ludicrous.blog.BlogConfig;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A blog started in this JVM for one {@link Instance}, and what it leaves behind removed when it
 * closes: its in-memory H2 database, its PostgreSQL schema, its Redis keys. It removes only what
 * its own settings named ({@code db.schema}, {@code redis.prefix}), which are unique to this run.
 */
final class RunningBlog implements AutoCloseable {
    private final Instance instance;
    private final Blog blog;
    private final double startSeconds;

    private RunningBlog(Instance instance, Blog blog, double startSeconds) {
        this.instance = instance;
        this.blog = blog;
        this.startSeconds = startSeconds;
    }

    static RunningBlog start(Instance instance) throws Exception {
        long started = System.nanoTime();
        Blog blog;
        try {
            blog = Blog.start(BlogConfig.of(instance.settings()));
        } catch (Exception | Error e) {
            cleanUp(instance.settings());
            throw e;
        }
        return new RunningBlog(instance, blog, (System.nanoTime() - started) / 1e9);
    }

    String url() {
        return blog.url();
    }

    /** Seconds from start to serving, seeding included. */
    double startSeconds() {
        return startSeconds;
    }

    @Override
    public void close() throws Exception {
        try {
            blog.close();
        } finally {
            cleanUp(instance.settings());
        }
    }

    private static void cleanUp(Map<String, String> settings) throws SQLException {
        String db = settings.getOrDefault("db.url", "");
        if (db.startsWith("jdbc:h2:mem:")) {
            // DB_CLOSE_DELAY=-1 keeps the database after the pool closes; SHUTDOWN frees it.
            try (Connection c = DriverManager.getConnection(db, "sa", ""); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        }
        String schema = settings.get("db.schema");
        if (db.startsWith("jdbc:postgresql:") && schema != null && schema.startsWith("bench_")) {
            try (Connection c = DriverManager.getConnection(db, settings.getOrDefault("db.user", ""),
                    settings.getOrDefault("db.password", "")); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + schema + " cascade");
            }
        }
        String redis = settings.get("redis.url");
        String prefix = settings.get("redis.prefix");
        if (redis != null && prefix != null && prefix.startsWith("bench-")) {
            try (RedisClient client = RedisClient.create(URI.create(redis))) {
                deleteKeys(client, prefix);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Removing the blog's Redis keys under " + prefix + " at " + redis
                        + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void deleteKeys(RedisClient client, String prefix) {
        ScanParams match = new ScanParams().match(prefix + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = client.scan(cursor, match);
            if (!page.getResult().isEmpty()) {
                client.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
}
