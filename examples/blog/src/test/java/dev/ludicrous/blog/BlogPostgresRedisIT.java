package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryScope;
import dev.ludicrous.query.StatementGroup;
import dev.ludicrous.query.assertj.QueryAssertions;
import dev.ludicrous.testsupport.RequiresPostgres;
import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The blog as it runs in production: two nodes on the real PostgreSQL (a schema of their own,
 * dropped afterwards) sharing the real Redis (a key prefix of their own, deleted afterwards).
 */
@RequiresPostgres
@RequiresRedis
class BlogPostgresRedisIT {
    private static final String SCHEMA = TestServices.uniqueName("blog_it");
    private static final String PREFIX = TestServices.uniqueName("blog_it") + ":";
    private static TestBlog blog;
    private static TestBlog otherNode;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("db.url", TestServices.postgresUrl());
        settings.put("db.schema", SCHEMA);
        settings.put("redis.url", TestServices.redisUri().toString());
        settings.put("redis.prefix", PREFIX);
        blog = TestBlog.start(settings);
        // Only the first node runs tasks, so that the other's query scopes see its requests alone.
        settings.put("tasks.worker", "false");
        otherNode = TestBlog.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            for (TestBlog node : new TestBlog[] {otherNode, blog}) {
                if (node != null) {
                    node.close();
                }
            }
        } finally {
            try (Connection connection = DriverManager.getConnection(TestServices.postgresUrl());
                 Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
            }
            try (RedisClient redis = RedisClient.create(TestServices.redisUri())) {
                ScanParams ours = new ScanParams().match(PREFIX + "*").count(1_000);
                String cursor = ScanParams.SCAN_POINTER_START;
                do {
                    ScanResult<String> page = redis.scan(cursor, ours);
                    if (!page.getResult().isEmpty()) {
                        redis.del(page.getResult().toArray(String[]::new));
                    }
                    cursor = page.getCursor();
                } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            }
        }
    }

    @Test
    void secondNodeFoundTheDatabaseSeededAndSharesIt() {
        assertThat(blog.blog.seeded().posts()).isEqualTo(TestBlog.POSTS);
        assertThat(otherNode.blog.seeded().posts()).isZero();
    }

    @Test
    void commentOnOneNodeRefreshesTheCachedHomepageOnTheOther() throws Exception {
        long newest = TestBlog.POSTS;
        long before = CachedHomepageTest.commentCount(otherNode.get("/cached").body(), newest);
        // A hit on the other node now: served from its local tier or Redis, no query.
        try (QueryScope hit = otherNode.blog.queryInspector().openShared("hit")) {
            otherNode.get("/cached");
            assertThat(hit.report().count()).isZero();
        }

        HttpResponse<String> posted = blog.post("/posts/" + newest + "/comments",
                Map.of("csrf", blog.csrfToken(newest), "name", "Node A", "body", "seen on node B"));
        assertThat(posted.statusCode()).isEqualTo(303);

        // The bump went through Redis (INCR + publish): the other node's next read is fresh.
        assertThat(CachedHomepageTest.commentCount(otherNode.get("/cached").body(), newest)).isEqualTo(before + 1);
        assertThat(otherNode.get("/posts/" + newest).body()).contains("seen on node B");
        // The comment's tasks went through the Redis stream to the first node's workers.
        blog.awaitTasks();
        assertThat(blog.blog.taskStats()).containsKey(BackgroundTasks.RECOUNT + ": succeeded");
    }

    @Test
    void seedsItsOwnSchemaOnPostgres() throws Exception {
        try (Connection connection = DriverManager.getConnection(TestServices.postgresUrl());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("select count(*) from " + SCHEMA + ".blog_post")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(TestBlog.POSTS);
        }
    }

    @Test
    void homepageModesRunTheirQueryCountsOnPostgres() throws Exception {
        QueryInspector inspector = blog.blog.queryInspector();
        blog.awaitTasks();
        try (QueryScope naive = inspector.openShared("naive")) {
            assertThat(blog.get("/naive").statusCode()).isEqualTo(200);
            assertThat(naive.report().selectCount()).isGreaterThanOrEqualTo(1 + 2L * BlogService.HOMEPAGE_SIZE);
            assertThat(naive.report().similarGroups()).extracting(StatementGroup::lazyAssociation).contains("Post.author");
        }
        HttpResponse<String> optimized;
        try (QueryScope scope = inspector.openShared("optimized")) {
            optimized = blog.get("/optimized");
            QueryAssertions.assertThat(scope.report()).hasSelectCount(3).hasNoRepeatedQueries();
        }
        assertThat(optimized.statusCode()).isEqualTo(200);
        assertThat(HomepageQueriesTest.cards(optimized.body())).hasSize(BlogService.HOMEPAGE_SIZE);
    }

    @Test
    void commentIsStoredOnPostgresAndShown() throws Exception {
        long before = blog.comments();

        HttpResponse<String> posted = blog.post("/posts/3/comments",
                Map.of("csrf", blog.csrfToken(3), "name", "Pat", "body", "Stored in PostgreSQL"));

        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(blog.comments()).isEqualTo(before + 1);
        assertThat(blog.get("/posts/3").body()).contains("Stored in PostgreSQL");
    }
}
