package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
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
    void listsPostsNewestFirstWithAuthorTagsAndCommentCount() throws Exception {
        HttpResponse<String> response = blog.get("/api/posts?offset=1&limit=3");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        JsonNode posts = JSON.readTree(response.body()).get("posts");
        assertThat(posts).hasSize(3);
        assertThat(posts.get(0).get("id").asLong()).isEqualTo(TestBlog.POSTS - 1);
        assertThat(posts.get(1).get("id").asLong()).isEqualTo(TestBlog.POSTS - 2);
        assertThat(posts.get(0).get("author").get("name").asText()).isNotBlank();
        assertThat(posts.get(0).get("tags")).isNotEmpty();
        assertThat(posts.get(0).has("commentCount")).isTrue();
    }

    @Test
    void returnsOnePostWithItsComments() throws Exception {
        JsonNode post = JSON.readTree(blog.get("/api/posts/5").body());

        assertThat(post.get("card").get("id").asLong()).isEqualTo(5);
        assertThat(post.get("comments").size()).isEqualTo(post.get("card").get("commentCount").asInt());
        assertThat(post.get("body").asText()).isNotBlank();
    }

    @Test
    void rejectsBadPagingAndUnknownPosts() throws Exception {
        assertThat(blog.get("/api/posts?limit=0").statusCode()).isEqualTo(400);
        assertThat(blog.get("/api/posts?limit=" + (ApiServlet.MAX_LIMIT + 1)).statusCode()).isEqualTo(400);
        assertThat(blog.get("/api/posts?offset=-1").statusCode()).isEqualTo(400);
        assertThat(blog.get("/api/posts/999999").statusCode()).isEqualTo(404);
    }
}
