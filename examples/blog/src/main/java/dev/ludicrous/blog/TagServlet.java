package dev.ludicrous.blog;

import dev.ludicrous.blog.Views.PostCard;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** {@code GET /tags/{name}}: the latest posts filed under a tag. */
final class TagServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient BlogService service;
    private final transient Pages pages;

    TagServlet(BlogService service, Pages pages) {
        this.service = service;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = Http.segments(request.getPathInfo());
        if (path.length != 1 || !path[0].matches("[a-z0-9-]{1,50}")) {
            pages.notFound(response);
            return;
        }
        List<PostCard> posts = service.tagged(path[0]);
        if (posts.isEmpty()) {
            pages.notFound(response);
            return;
        }
        pages.send(response, HttpServletResponse.SC_OK, "tag", "Posts tagged " + path[0],
                Map.of("tag", path[0], "posts", posts));
    }
}
