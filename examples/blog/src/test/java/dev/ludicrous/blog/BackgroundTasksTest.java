package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {
    private static final BlockingQueue<String> WEBHOOK_CALLS = new LinkedBlockingQueue<>();
    private static HttpServer webhook;
    private static TestBlog blog;

    @BeforeAll
    static void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        webhook.createContext("/hooks/comments", exchange -> {
            try (exchange) {
                WEBHOOK_CALLS.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        webhook.start();
        blog = TestBlog.start(Map.of(
                "webhook.url", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hooks/comments",
                // The HTTP callback task refuses loopback addresses unless they are named.
                "webhook.allow-hosts", "127.0.0.1",
                "popular.refresh-seconds", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            blog.close();
        } finally {
            webhook.stop(0);
        }
    }

    @Test
    void commentQueuesARecountOfTheDenormalisedCounterAndAWebhookCallToTheAuthor() throws Exception {
        long post = 42;
        long total = commentTotal(post);
        assertThat(total).isEqualTo(blog.comments(post));

        assertThat(blog.post("/posts/" + post + "/comments",
                Map.of("csrf", blog.csrfToken(post), "name", "Tess", "body", "hello")).statusCode()).isEqualTo(303);

        JsonNode event = webhookCallFor(post);
        assertThat(event.get("event").asText()).isEqualTo("comment.created");
        assertThat(event.get("authorEmail").asText()).isEqualTo("author" + ((post - 1) % TestBlog.AUTHORS + 1) + "@blog.example");
        assertThat(event.get("commentId").asLong()).isPositive();
        await().atMost(Duration.ofSeconds(30)).until(() -> commentTotal(post) == total + 1);
    }

    @Test
    void scheduledRefreshPutsTheMostCommentedPostInThePopularBox() throws Exception {
        long post = 3;
        String csrf = blog.csrfToken(post);
        for (int i = 0; i < 40; i++) {
            blog.post("/posts/" + post + "/comments", Map.of("csrf", csrf, "name", "Fan", "body", "again " + i));
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(blog.get("/optimized").body()).containsPattern("<aside>.*href=\"/posts/" + post + "\""));
    }

    /** The next webhook call about {@code postId}; calls about other tests' posts are skipped. */
    private static JsonNode webhookCallFor(long postId) throws Exception {
        ObjectMapper json = new ObjectMapper();
        while (true) {
            String call = WEBHOOK_CALLS.poll(30, TimeUnit.SECONDS);
            assertThat(call).as("a webhook call about post %s", postId).isNotNull();
            JsonNode event = json.readTree(call);
            if (event.get("postId").asLong() == postId) {
                return event;
            }
        }
    }

    private static long commentTotal(long postId) {
        return blog.blog.sessionFactory().fromSession(s -> s.createSelectionQuery(
                "select p.commentTotal from Post p where p.id = :id", Integer.class).setParameter("id", postId)
                .getSingleResult());
    }
}
