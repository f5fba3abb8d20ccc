package dev.ludicrous.tasks.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ludicrous.tasks.DeadLetter;
import dev.ludicrous.tasks.PermanentTaskFailure;
import dev.ludicrous.tasks.TaskHandle;
import dev.ludicrous.tasks.TaskOptions;
import dev.ludicrous.tasks.TaskStatus;
import dev.ludicrous.tasks.Tasks;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpCallbackTaskTest {
    private HttpServer server;
    private String base;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger flakyCalls = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            received.add(exchange.getRequestMethod() + " " + new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            answer(exchange, 200, "ok");
        });
        server.createContext("/flaky", exchange -> answer(exchange, flakyCalls.incrementAndGet() == 1 ? 503 : 200, ""));
        server.createContext("/missing", exchange -> answer(exchange, 404, ""));
        server.createContext("/big", exchange -> answer(exchange, 200, "x".repeat(10_000)));
        server.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            answer(exchange, 302, "");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void refusesLoopbackAndCloudMetadataAddressesByDefault() {
        HttpCallbackTask callback = HttpCallbackTask.builder().build();

        assertThatThrownBy(() -> callback.run(HttpCallbackRequest.get("http://127.0.0.1/")))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageStartingWith("refused to call 127.0.0.1: it resolves to 127.0.0.1, a loopback address");
        assertThatThrownBy(() -> callback.run(HttpCallbackRequest.get("http://169.254.169.254/")))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageStartingWith("refused to call 169.254.169.254: it resolves to 169.254.169.254, a link-local"
                        + " (cloud metadata) address");
        assertThatThrownBy(() -> callback.run(HttpCallbackRequest.get("http://localhost:1/")))
                .isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> callback.run(HttpCallbackRequest.get("http://10.0.0.8/")))
                .hasMessageContaining("a private address");
        assertThatThrownBy(() -> callback.run(HttpCallbackRequest.get("http://[::1]/")))
                .isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> callback.run(HttpCallbackRequest.get(base + "/hook")))
                .isInstanceOf(RefusedAddressException.class);
        assertThat(received).isEmpty();
    }

    @Test
    void reachesALocalServerWhenItsRangeIsAllowed() throws Exception {
        HttpCallbackTask callback = HttpCallbackTask.builder().allowRanges("127.0.0.1/32").build();

        callback.run(HttpCallbackRequest.postJson(base + "/hook", "{\"order\":42}"));

        assertThat(received).containsExactly("POST {\"order\":42}");
    }

    @Test
    void aRedirectIsCheckedAgainBeforeItIsFollowed() {
        HttpCallbackTask callback = HttpCallbackTask.builder().allowHosts("127.0.0.1").build();

        assertThatThrownBy(() -> callback.run(HttpCallbackRequest.get(base + "/to-metadata")))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageStartingWith("refused to call 169.254.169.254");
    }

    @Test
    void aResponseOverTheLimitFailsPermanently() {
        HttpCallbackTask callback = HttpCallbackTask.builder().allowRanges("127.0.0.0/8").maxResponseBytes(1_000).build();

        assertThatThrownBy(() -> callback.run(HttpCallbackRequest.get(base + "/big")))
                .isInstanceOf(PermanentTaskFailure.class)
                .hasMessage("the response to GET " + base + "/big is larger than maxResponseBytes (1000)");
    }

    @Test
    void asATaskA5xxIsRetriedAndA404GoesToTheDeadLettersAtOnce() throws Exception {
        TaskOptions fast = TaskOptions.builder().maxRetries(3).backoff(Duration.ofMillis(1)).build();
        try (Tasks tasks = Tasks.builder()
                .task("http-callback", HttpCallbackRequest.class, fast,
                        HttpCallbackTask.builder().allowRanges("127.0.0.1/32").build())
                .build()) {
            TaskHandle flaky = tasks.task("http-callback", HttpCallbackRequest.class)
                    .delay(HttpCallbackRequest.get(base + "/flaky"));
            assertThat(flaky.completion().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(flakyCalls).hasValue(2);

            TaskHandle missing = tasks.task("http-callback", HttpCallbackRequest.class)
                    .delay(HttpCallbackRequest.get(base + "/missing"));
            assertThat(missing.completion().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(TaskStatus.FAILED);
            DeadLetter letter = tasks.deadLetters().list(1).get(0);
            assertThat(letter.reason()).isEqualTo("handler failed permanently on attempt 1");
            assertThat(letter.error()).isEqualTo(
                    "dev.ludicrous.tasks.PermanentTaskFailure: GET " + base + "/missing answered 404");
        }
    }

    @Test
    void badSettingsFailAtBuild() {
        assertThatThrownBy(() -> HttpCallbackTask.builder().allowRanges("localhost").build())
                .hasMessage("allowRanges entries must be CIDR ranges such as 10.0.0.0/8, but was 'localhost'");
        assertThatThrownBy(() -> HttpCallbackTask.builder().maxResponseBytes(0).build())
                .hasMessage("maxResponseBytes must be at least 1, but was 0");
        assertThatThrownBy(() -> HttpCallbackTask.builder().requestTimeout(Duration.ZERO).build())
                .hasMessage("requestTimeout must be positive, but was PT0S");
    }
}
