package dev.ludicrous.profiling.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.profiling.CollapsedStacks;
import dev.ludicrous.profiling.FlameGraph;
import dev.ludicrous.profiling.FrameFilter;
import dev.ludicrous.profiling.Profile;
import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.Recording;
import dev.ludicrous.profiling.Sampler;
import dev.ludicrous.profiling.StackTree;
import dev.ludicrous.testsupport.DocSnippets;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;

/** The examples of docs/profiling.md, run. */
class GuideExamplesTest {

    @Test
    void guideExamplesAreTheCodeBelow() {
        assertThat(DocSnippets.assertInSync(Path.of("../docs/profiling.md"), Path.of("src/test/java"))).isPositive();
    }

    /**
     * The set-up snippet, as a user would call it from a {@code ServletContainerInitializer} (or a
     * Spring Boot {@code ServletContextInitializer}); the secrets come from configuration.
     */
    static void register(ServletContext servletContext, String secret, String token) {
        // snippet: setup
        ProfileStore store = ProfileStore.builder()
                .maxRecent(100)                  // the last 100 profiles
                .maxSlowestPerRoute(5)           // and the 5 slowest of each route
                .maxBytes(32L * 1024 * 1024)     // never more than 32 MiB in all
                .build();

        ProfilingFilter filter = ProfilingFilter.builder()
                .store(store)
                .trigger(secret)                             // X-Ludicrous-Profile: <secret>
                .slow(Duration.ofMillis(500))                // and the rest of every request over 500 ms
                .viewerPath("/_profiler")                    // Server-Timing links to the profile
                .build();
        servletContext.addFilter("ludicrous-profiling", filter)
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");

        ProfilerServlet viewer = ProfilerServlet.builder()
                .store(store)
                .enabled(true)
                .accessToken(token)                          // or .accessCheck(request -> ...)
                .build();
        servletContext.addServlet("ludicrous-profiler", viewer).addMapping("/_profiler/*");
        // end-snippet
    }

    @Test
    void setUpProfilesTriggeredRequestsAndOpensTheViewerOnlyWithTheToken() throws Exception {
        String secret = "0123456789abcdef-trigger";
        String token = "0123456789abcdef-viewer";
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new org.eclipse.jetty.ee10.servlet.ServletHolder(new ProfilingFilterTest.Spin(Duration.ofMillis(60))), "/work");
        server.setHandler(context);
        register(context.getServletContext(), secret, token);
        server.start();
        try {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            HttpResponse<String> profiled = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/work"))
                    .header("X-Ludicrous-Profile", secret).build(), HttpResponse.BodyHandlers.ofString());
            String link = profiled.headers().firstValue("Server-Timing").orElseThrow().replaceAll(".*prof;desc=\"([^\"]+)\".*", "$1");
            assertThat(link).startsWith("/_profiler/");
            HttpResponse<String> closed = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + link)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(closed.statusCode()).isEqualTo(404);
            HttpResponse<String> open = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + link))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(open.statusCode()).isEqualTo(200);
            assertThat(open.body()).contains("GET /work");
        } finally {
            server.stop();
        }
    }

    @Test
    void otherCodeAddsServerTimingEntriesWithJdkTypesOnly() throws Exception {
        try (TestServer server = new TestServer()
                .filter(ProfilingFilter.builder().store(ProfileStore.builder().build()).serverTiming(true).build())
                .servlet("/cached", new jakarta.servlet.http.HttpServlet() {
                    @Override
                    protected void doGet(jakarta.servlet.http.HttpServletRequest request,
                            jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
                        addCacheEntry(request, 0.4);
                        response.getWriter().write("ok");
                    }
                }).start()) {
            assertThat(server.get("/cached").headers().firstValue("Server-Timing").orElseThrow())
                    .endsWith(", cache;dur=0.4;desc=\"hit\"");
        }
    }

    static void addCacheEntry(ServletRequest request, double millis) {
        // snippet: server-timing-attribute
        @SuppressWarnings("unchecked")
        List<String> entries = (List<String>) request.getAttribute("dev.ludicrous.server-timing");
        if (entries == null) {
            entries = new ArrayList<>();
            request.setAttribute("dev.ludicrous.server-timing", entries);
        }
        entries.add("cache;dur=" + millis + ";desc=\"hit\"");
        // end-snippet
    }

    @Test
    void anyBlockOfCodeCanBeProfiled() throws Exception {
        // snippet: recording
        Sampler sampler = Sampler.builder().interval(Duration.ofMillis(5)).build();
        Recording recording = sampler.start(Thread.currentThread()).orElseThrow();   // empty at the cap
        try {
            rebuildSearchIndex();
        } finally {
            StackTree stacks = recording.stop();
            Profile profile = Profile.builder(stacks).reason("reindex").build();
            String text = CollapsedStacks.format(FrameFilter.defaults().fold(stacks.root()));
            String html = FlameGraph.html(profile, FrameFilter.defaults().fold(stacks.root()));
            java.nio.file.Files.writeString(Path.of("target", "reindex.html"), html);
            System.out.print(text);
        }
        // end-snippet
        assertThat(recording.stop().samples()).isPositive();
    }

    private volatile double sink;

    private void rebuildSearchIndex() {
        long end = System.nanoTime() + 200_000_000L;
        double x = 0;
        while (System.nanoTime() - end < 0) {
            x += Math.sqrt(x + 1);
        }
        sink = x;
    }
}
