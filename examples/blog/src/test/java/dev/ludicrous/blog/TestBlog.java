package dev.ludicrous.blog;

import dev.ludicrous.testsupport.TestServices;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A blog on a small seed, its own in-memory H2 database and a free port, plus a browser-like client. */
final class TestBlog implements AutoCloseable {
    static final int AUTHORS = 30;
    static final int TAGS = 10;
    static final int POSTS = 200;
    static final int COMMENTS = 2_000;
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    final Blog blog;
    final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final boolean owner;

    private TestBlog(Blog blog, boolean owner) {
        this.blog = blog;
        this.owner = owner;
    }

    /** The same blog seen from another browser: its own cookies. Closing it leaves the blog running. */
    TestBlog otherBrowser() {
        return new TestBlog(blog, false);
    }

    static TestBlog start() throws Exception {
        return start(Map.of());
    }

    static TestBlog start(Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>(smallSeed());
        settings.put("db.url", "jdbc:h2:mem:" + TestServices.uniqueName("blog") + ";DB_CLOSE_DELAY=-1");
        settings.putAll(overrides);
        return new TestBlog(Blog.start(BlogConfig.of(settings)), true);
    }

    static Map<String, String> smallSeed() {
        // No popular-posts schedule: its queries would land in the tests' query scopes at random.
        return Map.of("port", "0", "seed.authors", "" + AUTHORS, "seed.tags", "" + TAGS,
                "seed.posts", "" + POSTS, "seed.comments", "" + COMMENTS, "popular.refresh-seconds", "0");
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(blog.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String header, String value) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(blog.url() + path)).header(header, value).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(blog.url() + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a post page (which sets the CSRF cookie) and returns the form's token. */
    String csrfToken(long postId) throws IOException, InterruptedException {
        Matcher token = CSRF.matcher(get("/posts/" + postId).body());
        if (!token.find()) {
            throw new AssertionError("post " + postId + " has no comment form");
        }
        return token.group(1);
    }

    /** Waits until the tasks queued by earlier requests have run, so a query scope sees only what follows. */
    void awaitTasks() {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(blog::tasksIdle);
    }

    long comments() {
        return blog.sessionFactory().fromSession(s -> s.createSelectionQuery("select count(c) from Comment c", Long.class)
                .getSingleResult());
    }

    long comments(long postId) {
        return blog.sessionFactory().fromSession(s -> s.createSelectionQuery(
                        "select count(c) from Comment c where c.post.id = :id", Long.class)
                .setParameter("id", postId).getSingleResult());
    }

    @Override
    public void close() {
        if (owner) {
            blog.close();
        }
    }
}
