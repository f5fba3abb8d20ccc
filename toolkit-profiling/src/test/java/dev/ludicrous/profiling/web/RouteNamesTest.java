package dev.ludicrous.profiling.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteNamesTest {

    @Test
    void variableSegmentsCollapse() {
        assertThat(RouteNames.collapse("/posts/42/comments")).isEqualTo("/posts/{id}/comments");
        assertThat(RouteNames.collapse("/users/3f2c1d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f")).isEqualTo("/users/{uuid}");
        assertThat(RouteNames.collapse("/blobs/9f86d081884c7d659a2feaa0c55ad015")).isEqualTo("/blobs/{hex}");
        assertThat(RouteNames.collapse("/reset/eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9")).isEqualTo("/reset/{token}");
        assertThat(RouteNames.collapse("/posts/hello-world")).isEqualTo("/posts/hello-world");
    }

    @Test
    void queryStringsAndPathParametersAreDropped() {
        assertThat(RouteNames.collapse("/search?q=secret")).isEqualTo("/search");
        assertThat(RouteNames.collapse("/cart;jsessionid=ABC")).isEqualTo("/cart");
    }

    @Test
    void routesStayShort() {
        assertThat(RouteNames.collapse("/a/b/c/d/e/f/g/h/i/j")).isEqualTo("/a/b/c/d/e/f/g/h/...");
        assertThat(RouteNames.collapse("/" + "x".repeat(500))).hasSize(123);
        assertThat(RouteNames.collapse("")).isEqualTo("/");
        assertThat(RouteNames.collapse("/")).isEqualTo("/");
    }
}
