package dev.ludicrous.blog;

import dev.ludicrous.blog.Views.PostDetail;
import dev.ludicrous.blog.model.Comment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code GET /posts/{id}}: a post with its comments and the comment form;
 * {@code POST /posts/{id}/comments}: adds a comment. A rejected comment (bad CSRF token, empty or
 * too long fields) gets a 400 with the errors on the page and stores nothing.
 */
final class PostServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient BlogService service;
    private final transient Caching caching;
    private final transient Pages pages;
    private final transient Csrf csrf;
    private final transient CommentListener listener;

    PostServlet(BlogService service, Caching caching, Pages pages, Csrf csrf, CommentListener listener) {
        this.service = service;
        this.caching = caching;
        this.pages = pages;
        this.csrf = csrf;
        this.listener = listener;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = Http.segments(request.getPathInfo());
        OptionalLong id = path.length == 1 ? Http.id(path[0]) : OptionalLong.empty();
        Optional<PostDetail> post = id.isPresent() ? post(id.getAsLong()) : Optional.empty();
        if (post.isEmpty()) {
            pages.notFound(response);
            return;
        }
        show(request, response, HttpServletResponse.SC_OK, post.get(), List.of(), "", "");
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        request.setCharacterEncoding("UTF-8");
        String[] path = Http.segments(request.getPathInfo());
        OptionalLong id = path.length == 2 && path[1].equals("comments") ? Http.id(path[0]) : OptionalLong.empty();
        Optional<PostDetail> post = id.isPresent() ? post(id.getAsLong()) : Optional.empty();
        if (post.isEmpty()) {
            pages.notFound(response);
            return;
        }
        String name = trimmed(request.getParameter("name"));
        String body = trimmed(request.getParameter("body"));
        List<String> errors = new ArrayList<>();
        if (!csrf.valid(request)) {
            errors.add("Your form expired or came from another site. Please submit it again.");
        }
        if (name.isEmpty()) {
            errors.add("Please enter your name.");
        } else if (name.length() > Comment.MAX_NAME) {
            errors.add("Your name is too long: at most " + Comment.MAX_NAME + " characters.");
        }
        if (body.isEmpty()) {
            errors.add("Please write a comment.");
        } else if (body.length() > Comment.MAX_BODY) {
            errors.add("Your comment is too long: at most " + Comment.MAX_BODY + " characters.");
        }
        if (!errors.isEmpty()) {
            show(request, response, HttpServletResponse.SC_BAD_REQUEST, post.get(), errors, name, body);
            return;
        }
        long postId = id.getAsLong();
        Optional<Long> commentId = service.addComment(postId, name, body);
        if (commentId.isEmpty()) {
            pages.notFound(response);
            return;
        }
        listener.commentPosted(postId, commentId.get());
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", "/posts/" + postId + "#comment-" + commentId.get());
    }

    /** The post's data from the cache ({@code Post:<id>}), which a new comment bumps. */
    private Optional<PostDetail> post(long id) {
        return caching.post(id, () -> service.post(id));
    }

    private void show(HttpServletRequest request, HttpServletResponse response, int status, PostDetail post,
            List<String> errors, String name, String body) throws IOException {
        Map<String, Object> scope = new HashMap<>();
        scope.put("post", post);
        scope.put("errors", errors);
        scope.put("hasErrors", !errors.isEmpty());
        scope.put("name", name);
        scope.put("body", body);
        scope.put("csrf", csrf.token(request, response));
        scope.put("maxName", Comment.MAX_NAME);
        scope.put("maxBody", Comment.MAX_BODY);
        pages.send(response, status, "post", post.card().title(), scope);
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }
}
