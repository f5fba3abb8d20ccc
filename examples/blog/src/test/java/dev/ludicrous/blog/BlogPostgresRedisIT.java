package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryScope;
import dev.ludicrous.query.StatementGroup;
import dev.ludicrous.query.assertj.QueryAssertions;
import dev.ludicrous.testsupport.RequiresPostgres;
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

/** The blog on the real PostgreSQL, in a schema of its own that is dropped afterwards. */
@RequiresPostgres
class BlogPostgresIT {
    private static final String SCHEMA = TestServices.uniqueName("blog_it");
    private static TestBlog blog;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("db.url", TestServices.postgresUrl());
        settings.put("db.schema", SCHEMA);
        blog = TestBlog.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (blog != null) {
                blog.close();
            }
        } finally {
            try (Connection connection = DriverManager.getConnection(TestServices.postgresUrl());
                 Statement statement = connection.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
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
