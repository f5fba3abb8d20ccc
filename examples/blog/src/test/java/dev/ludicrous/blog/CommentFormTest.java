package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.blog.model.Comment;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CommentFormTest {
    private static final long POST = 7;
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
    void validCommentIsStoredAndShownEscaped() throws Exception {
        String token = blog.csrfToken(POST);
        long before = blog.comments();

        HttpResponse<String> posted = blog.post("/posts/" + POST + "/comments",
                Map.of("csrf", token, "name", "Eve <b>", "body", "Nice <script>alert(1)</script>"));

        assertThat(posted.statusCode()).isEqualTo(303);
        assertThat(posted.headers().firstValue("Location")).get().asString().startsWith("/posts/" + POST + "#comment-");
        assertThat(blog.comments()).isEqualTo(before + 1);
        String page = blog.get("/posts/" + POST).body();
        assertThat(page).contains("Eve &lt;b&gt;", "Nice &lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)");
    }

    @Test
    void emptyFieldsAreRejectedWith400AndNothingStored() throws Exception {
        assertRejected(Map.of("csrf", blog.csrfToken(POST), "name", "  ", "body", ""),
                "Please enter your name.", "Please write a comment.");
    }

    @Test
    void tooLongFieldsAreRejectedWith400AndNothingStored() throws Exception {
        assertRejected(Map.of("csrf", blog.csrfToken(POST), "name", "n".repeat(Comment.MAX_NAME + 1),
                        "body", "b".repeat(Comment.MAX_BODY + 1)),
                "Your name is too long", "Your comment is too long");
    }

    @Test
    void badOrMissingCsrfTokenIsRejectedWith400AndNothingStored() throws Exception {
        String token = blog.csrfToken(POST);
        String forged = (token.charAt(0) == 'A' ? 'B' : 'A') + token.substring(1);

        assertRejected(Map.of("csrf", forged, "name", "Mallory", "body", "forged"), "Your form expired");
        assertRejected(Map.of("name", "Mallory", "body", "no token"), "Your form expired");
    }

    @Test
    void tokenFromAnotherBrowserIsRejected() throws Exception {
        String victimsToken = blog.csrfToken(POST);
        TestBlog attacker = blog.otherBrowser();
        attacker.csrfToken(POST); // the attacker has a cookie of their own
        long before = blog.comments();

        HttpResponse<String> posted = attacker.post("/posts/" + POST + "/comments",
                Map.of("csrf", victimsToken, "name", "Mallory", "body", "replayed"));

        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("Your form expired");
        assertThat(blog.comments()).isEqualTo(before);
    }

    @Test
    void commentOnMissingPostIs404() throws Exception {
        HttpResponse<String> posted = blog.post("/posts/999999/comments",
                Map.of("csrf", blog.csrfToken(POST), "name", "Eve", "body", "hello"));

        assertThat(posted.statusCode()).isEqualTo(404);
    }

    private static void assertRejected(Map<String, String> form, String... errors) throws Exception {
        long before = blog.comments();

        HttpResponse<String> posted = blog.post("/posts/" + POST + "/comments", form);

        assertThat(posted.statusCode()).isEqualTo(400);
        assertThat(posted.body()).contains("class=\"errors\"").contains(errors);
        assertThat(blog.comments()).isEqualTo(before);
    }
}
