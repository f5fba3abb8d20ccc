package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DevAccessTest {
    private static final String TOKEN = "a-long-enough-dev-token";

    @Test
    void developmentProfileOpensDeveloperPagesToLocalhost() throws Exception {
        try (TestBlog blog = TestBlog.start(Map.of("profile", "development"))) {
            assertThat(blog.get("/_ludicrous/").statusCode()).isEqualTo(200);
            assertThat(blog.get("/_ludicrous/").headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    @Test
    void productionProfileWithoutTokenClosesThemToEveryone() throws Exception {
        try (TestBlog blog = TestBlog.start(Map.of("profile", "production"))) {
            assertThat(blog.get("/_ludicrous/").statusCode()).isEqualTo(404);
            assertThat(blog.get("/_ludicrous/", DevAccessFilter.HEADER, "anything-at-all-here").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void productionProfileOpensThemOnlyWithTheToken() throws Exception {
        try (TestBlog blog = TestBlog.start(Map.of("profile", "production", "dev.token", TOKEN))) {
            assertThat(blog.get("/_ludicrous/").statusCode()).isEqualTo(404);
            assertThat(blog.get("/_ludicrous/", DevAccessFilter.HEADER, TOKEN + "x").statusCode()).isEqualTo(404);
            assertThat(blog.get("/_ludicrous/", DevAccessFilter.HEADER, TOKEN).statusCode()).isEqualTo(200);
            assertThat(blog.get("/_ludicrous/?token=" + TOKEN).statusCode()).isEqualTo(200);
        }
    }
}
