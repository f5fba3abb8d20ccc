package dev.ludicrous.cache.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.cache.CacheManager;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The filter in a real Jetty 12 (Servlet 6.0), driven over HTTP. */
class PageCacheFilterTest {
    private final CacheManager manager = CacheManager.builder().build();
    private final Map<String, AtomicInteger> renders = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Server server;
    private String base;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    private void start(Filter filter) throws Exception {
        server = new Server(0);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new App()), "/*");
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        base = "http://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    private void startDefault() throws Exception {
        // snippet: web-filter
        Filter pageCache = PageCacheFilter.builder(manager)
                .namespaces(request -> request.getRequestURI().startsWith("/posts/")
                        ? List.of("post", "post:" + request.getRequestURI().substring("/posts/".length()))
                        : List.of())
                .maxBodyBytes(64 * 1024)
                .build();
        // end-snippet
        start(pageCache);
    }

    @Test
    void secondGetIsServedFromTheCacheWithAnETagAndA304WhenTheClientHasIt() throws Exception {
        startDefault();
        HttpResponse<String> first = get("/page");
        HttpResponse<String> second = get("/page");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body()).isEqualTo("page 1");
        assertThat(second.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(renders.get("/page")).hasValue(1);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(second.headers().firstValue("ETag")).contains(etag);

        HttpResponse<String> conditional = send(HttpRequest.newBuilder(URI.create(base + "/page"))
                .header("If-None-Match", etag).build());
        assertThat(conditional.statusCode()).isEqualTo(304);
        assertThat(conditional.body()).isEmpty();

        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(base + "/page"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("ETag")).contains(etag);
        assertThat(renders.get("/page")).hasValue(1);
    }

    @Test
    void postsPersonalRequestsAndUncacheableResponsesAlwaysReachTheApplication() throws Exception {
        startDefault();
        for (int i = 0; i < 2; i++) {
            send(HttpRequest.newBuilder(URI.create(base + "/page")).POST(HttpRequest.BodyPublishers.noBody()).build());
            send(HttpRequest.newBuilder(URI.create(base + "/auth")).header("Authorization", "Bearer x").build());
            send(HttpRequest.newBuilder(URI.create(base + "/session")).header("Cookie", "JSESSIONID=abc").build());
            get("/cookie");
            get("/private");
            get("/no-store");
            get("/error");
            get("/vary-star");
        }
        assertThat(renders.get("/page")).hasValue(2);
        for (String path : List.of("/auth", "/session", "/cookie", "/private", "/no-store", "/error", "/vary-star")) {
            assertThat(renders.get(path)).as(path).hasValue(2);
        }
        assertThat(get("/error").statusCode()).isEqualTo(500);
        assertThat(get("/cookie").headers().firstValue("Set-Cookie")).contains("theme=dark");
    }

    @Test
    void responsesThatVaryAreKeptApartPerHeaderValue() throws Exception {
        startDefault();
        for (int i = 0; i < 3; i++) {
            assertThat(send(withLanguage("/vary", "fr")).body()).startsWith("fr ");
            assertThat(send(withLanguage("/vary", "de")).body()).startsWith("de ");
        }
        // The first response teaches the filter the Vary header; then one render per language.
        assertThat(renders.get("/vary").get()).isBetween(2, 3);
        int before = renders.get("/vary").get();
        send(withLanguage("/vary", "fr"));
        send(withLanguage("/vary", "de"));
        assertThat(renders.get("/vary")).hasValue(before);
    }

    @Test
    void bumpOfAPagesNamespaceRefreshesIt() throws Exception {
        startDefault();
        assertThat(get("/posts/42").body()).isEqualTo("/posts/42 1");
        assertThat(get("/posts/42").body()).isEqualTo("/posts/42 1");
        manager.bump("post:42");
        assertThat(get("/posts/42").body()).isEqualTo("/posts/42 2");
        manager.bump("post:7");
        assertThat(get("/posts/42").body()).isEqualTo("/posts/42 2");
    }

    @Test
    void bodyOverTheBoundStreamsWholeAndIsNotCached() throws Exception {
        startDefault();
        HttpResponse<String> big = get("/big");
        assertThat(big.body()).hasSize(100_000);
        get("/big");
        assertThat(renders.get("/big")).hasValue(2);
    }

    @Test
    void badSettingsFailAtBuild() {
        assertThatThrownBy(() -> PageCacheFilter.builder(manager).maxBodyBytes(0).build())
                .hasMessage("maxBodyBytes must be at least 1, but was 0");
    }

    private HttpRequest withLanguage(String path, String language) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Accept-Language", language).build();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private final class App extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String path = request.getRequestURI();
            int n = renders.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            response.setContentType("text/html;charset=utf-8");
            switch (path) {
                case "/cookie" -> response.addHeader("Set-Cookie", "theme=dark");
                case "/private" -> response.setHeader("Cache-Control", "private, max-age=60");
                case "/no-store" -> response.setHeader("Cache-Control", "no-store");
                case "/vary-star" -> response.setHeader("Vary", "*");
                case "/error" -> {
                    response.sendError(500, "broken");
                    return;
                }
                case "/vary" -> {
                    response.setHeader("Vary", "Accept-Language");
                    response.getWriter().write(request.getHeader("Accept-Language") + " " + n);
                    return;
                }
                case "/big" -> {
                    response.getWriter().write("x".repeat(100_000));
                    return;
                }
                default -> {
                    // plain page
                }
            }
            response.getWriter().write(path.startsWith("/posts/") ? path + " " + n : "page " + n);
        }
    }
}
