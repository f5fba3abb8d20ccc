package dev.ludicrous.blog;

import dev.ludicrous.blog.Views.AuthorDetail;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** {@code GET /authors/{id}}: an author and their latest posts. */
final class AuthorServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient BlogService service;
    private final transient Pages pages;

    AuthorServlet(BlogService service, Pages pages) {
        this.service = service;
        this.pages = pages;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = Http.segments(request.getPathInfo());
        OptionalLong id = path.length == 1 ? Http.id(path[0]) : OptionalLong.empty();
        Optional<AuthorDetail> author = id.isPresent() ? service.author(id.getAsLong()) : Optional.empty();
        if (author.isEmpty()) {
            pages.notFound(response);
            return;
        }
        pages.send(response, HttpServletResponse.SC_OK, "author", author.get().author().name(),
                Map.of("author", author.get()));
    }
}
