package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryScope;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CachedHomepageTest {
    private static final long NEWEST = TestBlog.POSTS;
    private static TestBlog blog;
    private static QueryInspector inspector;

    @BeforeAll
    static void start() throws Exception {
        blog = TestBlog.start();
        inspector = blog.blog.queryInspector();
    }

    @AfterAll
    static void stop() throws Exception {
        blog.close();
    }

    @Test
    void cachedHomepageRunsNoQueryOnAHitAndShowsANewCommentAfterAPost() throws Exception {
        String first = blog.get("/cached").body();
        long before = commentCount(first, NEWEST);

        blog.awaitTasks();
        try (QueryScope hit = inspector.openShared("cached hit")) {
            HttpResponse<String> again = blog.get("/cached");
            assertThat(again.statusCode()).isEqualTo(200);
            assertThat(again.body()).isEqualTo(first);
            assertThat(hit.report().count()).isZero();
        }

        HttpResponse<String> posted = blog.post("/posts/" + NEWEST + "/comments",
                Map.of("csrf", blog.csrfToken(NEWEST), "name", "Cache", "body", "Bumps Post:" + NEWEST + " and the homepage"));
        assertThat(posted.statusCode()).isEqualTo(303);

        blog.awaitTasks(); // the comment's recount runs queries of its own on a worker thread
        try (QueryScope miss = inspector.openShared("cached after bump")) {
            String fresh = blog.get("/cached").body();
            assertThat(commentCount(fresh, NEWEST)).isEqualTo(before + 1);
            assertThat(miss.report().selectCount()).isEqualTo(3);
        }
    }

    @Test
    void postDataIsServedFromTheCacheUntilACommentBumpsIt() throws Exception {
        long post = 11;
        blog.get("/api/posts/" + post);
        blog.awaitTasks();
        try (QueryScope hit = inspector.openShared("post hit")) {
            assertThat(blog.get("/api/posts/" + post).statusCode()).isEqualTo(200);
            assertThat(blog.get("/posts/" + post).body()).contains("comment-form");
            assertThat(hit.report().count()).isZero();
        }

        blog.post("/posts/" + post + "/comments", Map.of("csrf", blog.csrfToken(post), "name", "Ann", "body", "fresh after bump"));

        assertThat(blog.get("/api/posts/" + post).body()).contains("fresh after bump");
    }

    static long commentCount(String homepage, long postId) {
        Matcher count = Pattern.compile("id=\"post-" + postId + "\".*?<span class=\"comment-count\">(\\d+) comments",
                Pattern.DOTALL).matcher(homepage);
        assertThat(count.find()).as("post %s on the homepage", postId).isTrue();
        return Long.parseLong(count.group(1));
    }
}
