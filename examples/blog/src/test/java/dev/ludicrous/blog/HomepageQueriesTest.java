package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.QueryScope;
import dev.ludicrous.query.StatementGroup;
import dev.ludicrous.query.assertj.QueryAssertions;
import dev.ludicrous.query.junit.ExpectQueries;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HomepageQueriesTest {
    private static final int N = BlogService.HOMEPAGE_SIZE;
    private static TestBlog blog;
    // Read by @ExpectQueries: the inspector that wraps the blog's DataSource.
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
    void naiveHomepageRunsOneQueryPlusAtLeastTwoPerPostReportedAsLazyLoads() throws Exception {
        QueryReport report;
        HttpResponse<String> page;
        try (QueryScope scope = inspector.openShared("naive homepage")) {
            page = blog.get("/naive");
            report = scope.report();
        }

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Blog-Mode")).hasValue("naive");
        assertThat(cards(page.body())).hasSize(N);
        // 1 for the posts, then per post: its author, its tags, its comments.
        assertThat(report.selectCount()).isGreaterThanOrEqualTo(1 + 2L * N);
        assertThat(report.similarGroups())
                .filteredOn(group -> "Post.author".equals(group.lazyAssociation()))
                .singleElement()
                .satisfies(group -> assertThat(group.count()).isEqualTo(N));
        assertThat(report.similarGroups()).extracting(StatementGroup::lazyAssociation)
                .contains("Post.tags", "Post.comments");
    }

    @Test
    void optimizedHomepageOverHttpRunsThreeQueriesAndNoneRepeated() throws Exception {
        QueryReport report;
        HttpResponse<String> page;
        try (QueryScope scope = inspector.openShared("optimized homepage")) {
            page = blog.get("/optimized");
            report = scope.report();
        }

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(cards(page.body())).hasSize(N);
        QueryAssertions.assertThat(report).hasSelectCount(3).hasCount(3).hasNoRepeatedQueries();
        assertThat(page.headers().firstValue("Server-Timing")).get().asString()
                .startsWith("db;dur=").endsWith("desc=\"3 queries\"");
    }

    // The snippet is the query count pin the guide shows: it fails when a change brings the N+1 back.
    // snippet: expect-queries-homepage
    @Test
    @ExpectQueries(select = 3, total = 3)
    void optimizedHomepageRunsThreeQueriesWhateverTheNumberOfPosts() {
        String page = blog.blog.homepage(HomeServlet.Mode.OPTIMIZED);

        assertThat(cards(page)).hasSize(BlogService.HOMEPAGE_SIZE);
    }
    // end-snippet

    @Test
    void naiveAndOptimizedPagesShowTheSamePostsAuthorsTagsAndCounts() throws Exception {
        List<String> naive = cards(blog.get("/naive").body());
        List<String> optimized = cards(blog.get("/optimized").body());

        assertThat(optimized).isEqualTo(naive);
        assertThat(optimized.get(0)).contains("/posts/" + TestBlog.POSTS + "\"").contains("/authors/").contains("comments");
    }

    @Test
    void homepageLinksEveryMode() throws Exception {
        String page = blog.get("/").body();

        assertThat(page).contains("href=\"/naive\"", "href=\"/optimized\"", "href=\"/cached\"");
    }

    @Test
    void unknownPagesAnswer404() throws Exception {
        assertThat(blog.get("/posts/999999").statusCode()).isEqualTo(404);
        assertThat(blog.get("/posts/abc").statusCode()).isEqualTo(404);
        assertThat(blog.get("/authors/0").statusCode()).isEqualTo(404);
        assertThat(blog.get("/tags/no-such-tag").statusCode()).isEqualTo(404);
        assertThat(blog.get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void authorAndTagPagesListTheirPosts() throws Exception {
        HttpResponse<String> author = blog.get("/authors/1");
        HttpResponse<String> tag = blog.get("/tags/java");

        assertThat(author.statusCode()).isEqualTo(200);
        assertThat(cards(author.body())).isNotEmpty().allMatch(card -> card.contains("href=\"/authors/1\""));
        assertThat(tag.statusCode()).isEqualTo(200);
        assertThat(cards(tag.body())).isNotEmpty().allMatch(card -> card.contains("href=\"/tags/java\""));
    }

    static List<String> cards(String html) {
        Matcher card = Pattern.compile("<article class=\"card\".*?</article>", Pattern.DOTALL).matcher(html);
        return card.results().map(m -> m.group()).toList();
    }
}
