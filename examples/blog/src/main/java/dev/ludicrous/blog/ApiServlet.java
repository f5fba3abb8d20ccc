package dev.ludicrous.blog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludicrous.blog.Views.PostDetail;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The JSON API: {@code GET /api/posts?offset=0&limit=20} lists posts newest first (at most 100
 * per call); {@code GET /api/posts/{id}} returns one post with its comments.
 */
final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int MAX_LIMIT = 100;

    private final transient BlogService service;
    private final transient Caching caching;
    private final transient ObjectMapper json;

    ApiServlet(BlogService service, Caching caching, ObjectMapper json) {
        this.service = service;
        this.caching = caching;
        this.json = json;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = Http.segments(request.getPathInfo());
        if (path.length == 0) {
            int offset = number(request.getParameter("offset"), 0, 0, Integer.MAX_VALUE);
            int limit = number(request.getParameter("limit"), 20, 1, MAX_LIMIT);
            if (offset < 0 || limit < 0) {
                send(response, HttpServletResponse.SC_BAD_REQUEST, Map.of("error",
                        "offset must be a whole number >= 0 and limit one from 1 to " + MAX_LIMIT));
                return;
            }
            send(response, HttpServletResponse.SC_OK, Map.of("offset", offset, "limit", limit,
                    "posts", service.page(offset, limit)));
            return;
        }
        OptionalLong id = path.length == 1 ? Http.id(path[0]) : OptionalLong.empty();
        Optional<PostDetail> post = id.isPresent()
                ? caching.post(id.getAsLong(), () -> service.post(id.getAsLong())) : Optional.empty();
        if (post.isEmpty()) {
            send(response, HttpServletResponse.SC_NOT_FOUND, Map.of("error", "no such post"));
            return;
        }
        send(response, HttpServletResponse.SC_OK, post.get());
    }

    private void send(HttpServletResponse response, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType("application/json");
        response.getOutputStream().write(bytes);
    }

    /** The parameter as a number in range, the fallback when absent, or -1 when invalid. */
    private static int number(String value, int fallback, int min, int max) {
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            return number >= min && number <= max ? number : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
