package dev.ludicrous.blog;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The homepage in its three modes: {@code /naive}, {@code /optimized} (also {@code /}) and
 * {@code /cached}. All three render the same template; what differs is what they hand it.
 */
final class HomeServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** How the homepage gets its data. */
    enum Mode {
        /** Entities with lazy associations, touched by the template: 1 + 3N queries. */
        NAIVE,
        /** Fetch join plus two IN queries: 3 queries whatever N. */
        OPTIMIZED,
        /** The optimized page, rendered once and then served from the cache until a bump. */
        CACHED;

        String path() {
            return "/" + name().toLowerCase(Locale.ROOT);
        }
    }

    private final transient Database database;
    private final transient BlogService service;
    private final transient Pages pages;
    private final transient Caching caching;
    private final transient PopularPosts popular;

    HomeServlet(Database database, BlogService service, Pages pages, Caching caching, PopularPosts popular) {
        this.database = database;
        this.service = service;
        this.pages = pages;
        this.caching = caching;
        this.popular = popular;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Mode mode = switch (request.getServletPath()) {
            case "/naive" -> Mode.NAIVE;
            case "/cached" -> Mode.CACHED;
            default -> Mode.OPTIMIZED;
        };
        String html = page(mode);
        response.setHeader("X-Blog-Mode", mode.name().toLowerCase(Locale.ROOT));
        Http.html(response, HttpServletResponse.SC_OK, html);
    }

    /** Renders the homepage in {@code mode} on the calling thread. */
    String page(Mode mode) {
        return switch (mode) {
            // The session stays open while the template runs, so each post.author, post.tags and
            // post.commentCount the template touches is one more query: the N+1 problem, on purpose.
            // snippet: blog-homepage-modes
            case NAIVE -> database.read(session -> render(mode, service.latestNaive(session)));
            case OPTIMIZED -> render(mode, service.latest());
            case CACHED -> caching.homepage(() -> render(mode, service.latest()));
            // end-snippet
        };
    }

    private String render(Mode current, List<?> posts) {
        List<Map<String, Object>> modes = java.util.Arrays.stream(Mode.values())
                .map(m -> Map.<String, Object>of("name", m.name().toLowerCase(Locale.ROOT), "path", m.path(),
                        "current", m == current))
                .toList();
        return pages.render("home", "Latest posts", Map.of(
                "mode", current.name().toLowerCase(Locale.ROOT),
                "modes", modes,
                "posts", posts,
                "popular", popular.current(),
                "hasPopular", !popular.current().isEmpty()));
    }
}
