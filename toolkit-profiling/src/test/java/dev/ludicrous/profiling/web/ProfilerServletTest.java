package dev.ludicrous.profiling.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.profiling.FrameNode;
import dev.ludicrous.profiling.Profile;
import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.StackTree;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProfilerServletTest {
    private static final String TOKEN = "viewer-token-0123456789abcdef";

    private final ProfileStore store = ProfileStore.builder().build();
    private final Profile profile = Profile.builder(new StackTree(new FrameNode("all", 3, 0, List.of(
                    new FrameNode("shop.Cart.render", 3, 1, List.of(new FrameNode("shop.Cart.total", 2, 2, List.of()))))),
                    Duration.ofMillis(10), 0, 0, false))
            .method("GET").route("/cart/<script>alert(1)</script>").path("/cart/\"><img src=x onerror=alert(1)>?token=abc")
            .status(200).wallTime(Duration.ofMillis(40)).reason("trigger").build();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void serve(ProfilerServlet servlet) throws Exception {
        store.add(profile);
        server = new TestServer().servlet("/_profiler/*", servlet).start();
    }

    @Test
    void viewerIsOffUnlessEnabled() throws Exception {
        serve(ProfilerServlet.builder().store(store).build());
        assertThat(server.get("/_profiler/").statusCode()).isEqualTo(404);
        assertThat(server.get("/_profiler/" + profile.id(), "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
    }

    @Test
    void enablingWithoutTokenOrCheckFailsAtStartUp() {
        assertThatThrownBy(() -> ProfilerServlet.builder().store(store).enabled(true).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("enabled(true) needs accessToken(...) or accessCheck(...)");
        assertThatThrownBy(() -> ProfilerServlet.builder().store(store).enabled(true).accessToken("short").build())
                .hasMessage("accessToken must be at least 16 characters, but was 5 characters");
    }

    @Test
    void missingOrWrongTokenGetsThePlainNotFoundOfAnUnknownPath() throws Exception {
        serve(ProfilerServlet.builder().store(store).enabled(true).accessToken(TOKEN).build());
        HttpResponse<String> unknown = server.get("/_profiler/nosuchprofile", "Authorization", "Bearer " + TOKEN);
        for (HttpResponse<String> denied : List.of(
                server.get("/_profiler/"),
                server.get("/_profiler/" + profile.id()),
                server.get("/_profiler/" + profile.id() + ".json", "Authorization", "Bearer " + TOKEN + "x"),
                server.get("/_profiler/" + profile.id(), "Cookie", "ludicrous_profiler=wrong"))) {
            assertThat(denied.statusCode()).isEqualTo(404);
            assertThat(denied.body()).isEqualTo(unknown.body());
            assertThat(denied.body()).doesNotContainIgnoringCase("profil");
        }
    }

    @Test
    void tokenInTheQueryMovesIntoAStrictHttpOnlyCookie() throws Exception {
        serve(ProfilerServlet.builder().store(store).enabled(true).accessToken(TOKEN).build());
        HttpResponse<String> login = server.get("/_profiler/?token=" + TOKEN);
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/_profiler/");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("ludicrous_profiler=" + TOKEN).containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").contains("Path=/_profiler/");

        HttpResponse<String> index = server.get("/_profiler/", "Cookie", "ludicrous_profiler=" + TOKEN);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("/_profiler/" + profile.id())
                .contains("shop.Cart.total 66%<br>shop.Cart.render 33%");
    }

    @Test
    void pagesEscapeEverythingAndCarryAStrictContentSecurityPolicy() throws Exception {
        serve(ProfilerServlet.builder().store(store).enabled(true).accessToken(TOKEN).build());
        for (String path : List.of("/_profiler/", "/_profiler/" + profile.id())) {
            HttpResponse<String> page = server.get(path, "Authorization", "Bearer " + TOKEN);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).startsWith("default-src 'none'; script-src 'nonce-").contains("frame-ancestors 'none'");
            assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.body()).doesNotContain("<script>alert", "<img src=x", "token=abc")
                    .contains("?[redacted]");
            String nonce = csp.replaceAll(".*script-src 'nonce-([^']+)'.*", "$1");
            java.util.regex.Matcher scripts = java.util.regex.Pattern.compile("<script[^>]*>").matcher(page.body());
            while (scripts.find()) {
                assertThat(scripts.group()).isIn("<script nonce=\"" + nonce + "\">",
                        "<script type=\"application/json\" id=\"profile-data\">");
            }
        }
    }

    @Test
    void eachProfileIsServedInTheThreeFormats() throws Exception {
        serve(ProfilerServlet.builder().store(store).enabled(true).accessToken(TOKEN).build());
        HttpResponse<String> collapsed = server.get("/_profiler/" + profile.id() + ".collapsed", "Authorization", "Bearer " + TOKEN);
        assertThat(collapsed.headers().firstValue("Content-Type")).hasValue("text/plain;charset=utf-8");
        assertThat(collapsed.body()).isEqualTo("shop.Cart.render 1\nshop.Cart.render;shop.Cart.total 2\n");
        HttpResponse<String> json = server.get("/_profiler/" + profile.id() + ".json", "Authorization", "Bearer " + TOKEN);
        assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        assertThat(json.body()).contains("\"weights\":[1,2]");
        assertThat(server.get("/_profiler/" + profile.id() + ".exe", "Authorization", "Bearer " + TOKEN).statusCode())
                .isEqualTo(404);
        assertThat(server.get("/_profiler/../etc/passwd", "Authorization", "Bearer " + TOKEN).statusCode()).isIn(400, 404);
    }

    @Test
    void accessCheckDeniesWhenItSaysNoOrThrows() throws Exception {
        serve(ProfilerServlet.builder().store(store).enabled(true)
                .accessCheck(request -> {
                    String role = request.getHeader("X-Role");
                    if ("broken".equals(role)) {
                        throw new IllegalStateException("check failed");
                    }
                    return "admin".equals(role);
                }).build());
        assertThat(server.get("/_profiler/").statusCode()).isEqualTo(404);
        assertThat(server.get("/_profiler/", "X-Role", "broken").statusCode()).isEqualTo(404);
        assertThat(server.get("/_profiler/", "X-Role", "admin").statusCode()).isEqualTo(200);
    }
}
