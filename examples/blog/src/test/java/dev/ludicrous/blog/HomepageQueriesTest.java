package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

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

    @BeforeAll
    static void start() throws Exception {
        blog = TestBlog.start();
    }

    @AfterAll
    static void stop() throws Exception {
        blog.close();
    }

    @Test
    void naiveHomepageRunsOneQueryPlusAtLeastTwoPerPost() throws Exception {
        long before = blog.statements();
        HttpResponse<String> page = blog.get("/naive");
        long statements = blog.statements() - before;

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("X-Blog-Mode")).hasValue("naive");
        assertThat(cards(page.body())).hasSize(N);
        // 1 for the posts, then per post: its author, its tags, its comments.
        assertThat(statements).isGreaterThanOrEqualTo(1 + 2L * N);
    }

    @Test
    void optimizedHomepageRunsThreeQueriesWhateverTheNumberOfPosts() throws Exception {
        long before = blog.statements();
        HttpResponse<String> page = blog.get("/optimized");
        long statements = blog.statements() - before;

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(cards(page.body())).hasSize(N);
        assertThat(statements).isEqualTo(3);

        before = blog.statements();
        blog.get("/");
        assertThat(blog.statements() - before).as("/ is the optimized page").isEqualTo(3);
    }

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
