package dev.ludicrous.profiling.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludicrous.profiling.FrameNode;
import dev.ludicrous.profiling.Profile;
import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.Sampler;
import example.shop.BurnServlet;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real Jetty 12 (ee10) with the filter, the viewer and a servlet that burns CPU in {@code burnCpu}. */
class ProfilingIT {
    private static final String SECRET = "it-trigger-secret-0123456789";
    private static final String TOKEN = "it-viewer-token-0123456789";
    private static final String BURN = BurnServlet.class.getName() + ".burnCpu";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProfileStore store = ProfileStore.builder().build();
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        Sampler sampler = Sampler.builder().interval(Duration.ofMillis(5)).build();
        server = new TestServer()
                .filter(ProfilingFilter.builder().sampler(sampler).store(store).trigger(SECRET).viewerPath("/_profiler").build())
                .servlet("/burn", new BurnServlet())
                .servlet("/_profiler/*", ProfilerServlet.builder().store(store).enabled(true).accessToken(TOKEN).build())
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void triggeredRequestIsProfiledAndBurnCpuHoldsMostSamplesInEveryOutput() throws Exception {
        HttpResponse<String> burned = server.get("/burn", "X-Ludicrous-Profile", SECRET);
        assertThat(burned.body()).isEqualTo("burned");

        assertThat(store.recent()).hasSize(1);
        Profile profile = store.recent().get(0);
        assertThat(burned.headers().firstValue("Server-Timing").orElseThrow())
                .contains("prof;desc=\"/_profiler/" + profile.id() + "\"");
        FrameNode root = profile.stacks().root();
        assertThat(root.total()).isGreaterThanOrEqualTo(10);
        assertThat(share(root.samplesIn(BURN), root.total())).isGreaterThan(0.5);

        String auth = "Bearer " + TOKEN;
        String collapsed = server.get("/_profiler/" + profile.id() + ".collapsed", "Authorization", auth).body();
        long burnLines = 0;
        long allLines = 0;
        for (String line : collapsed.split("\n")) {
            long count = Long.parseLong(line.substring(line.lastIndexOf(' ') + 1));
            allLines += count;
            if (line.contains(BURN)) {
                burnLines += count;
            }
        }
        assertThat(allLines).isEqualTo(root.total());
        assertThat(share(burnLines, allLines)).isGreaterThan(0.5);
        // Folded: a stack through the application starts at its code (the container's and the
        // profiler's frames below it are gone; a call it makes into the container stays). A sample
        // that caught the thread outside the servlet keeps only its innermost frame.
        assertThat(collapsed.split("\n")).allSatisfy(line -> assertThat(
                line.startsWith("example.shop.BurnServlet.doGet") || !line.contains(";")).as(line).isTrue());

        JsonNode speedscope = JSON.readTree(server.get("/_profiler/" + profile.id() + ".json", "Authorization", auth).body());
        JsonNode frames = speedscope.at("/shared/frames");
        JsonNode sampled = speedscope.at("/profiles/0");
        assertThat(sampled.get("type").asText()).isEqualTo("sampled");
        long burnWeight = 0;
        long allWeight = 0;
        for (int i = 0; i < sampled.get("samples").size(); i++) {
            long weight = sampled.get("weights").get(i).asLong();
            allWeight += weight;
            for (JsonNode frame : sampled.get("samples").get(i)) {
                if (frames.get(frame.asInt()).get("name").asText().equals(BURN)) {
                    burnWeight += weight;
                    break;
                }
            }
        }
        assertThat(allWeight).isEqualTo(root.total());
        assertThat(share(burnWeight, allWeight)).isGreaterThan(0.5);

        String html = server.get("/_profiler/" + profile.id(), "Authorization", auth).body();
        Matcher data = Pattern.compile("<script type=\"application/json\" id=\"profile-data\">(.*?)</script>", Pattern.DOTALL)
                .matcher(html);
        assertThat(data.find()).isTrue();
        JsonNode tree = JSON.readTree(data.group(1)).get("tree");
        assertThat(share(samplesIn(tree, BURN), tree.get("v").asLong())).isGreaterThan(0.5);

        Path dir = Files.createDirectories(Path.of("target", "flamegraph-it"));
        Path page = dir.resolve("burn.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Chromium chromium = Chromium.findOrSkip(dir);
        Chromium.Result opened = chromium.dumpDom(page);
        assertThat(opened.dom()).contains("data-status=\"ok\"");
        assertThat(opened.dom()).containsPattern("<text[^>]*>[^<]*burnCpu</text>");
        assertThat(opened.log()).doesNotContain("Refused to", "Uncaught");

        Chromium.Result searched = chromium.dumpDom(page, "#q=burncpu");
        Matcher matched = Pattern.compile("Matched: ([0-9.]+)% of samples").matcher(searched.dom());
        assertThat(matched.find()).isTrue();
        assertThat(Double.parseDouble(matched.group(1))).isGreaterThan(50);
        assertThat(searched.dom()).contains("fill=\"rgb(225,60,225)\"");

        Chromium.Result zoomed = chromium.dumpDom(page, "#zoom=" + BURN);
        double svgWidth = Double.parseDouble(zoomed.dom().replaceAll("(?s).*<svg id=\"flame\"[^>]*? width=\"([0-9.]+)\".*", "$1"));
        Matcher burnRect = Pattern.compile("<title>" + Pattern.quote(BURN) + " \\([^<]*</title><rect x=\"([0-9.]+)\" y=\"[0-9.]+\" width=\"([0-9.]+)\"")
                .matcher(zoomed.dom());
        assertThat(burnRect.find()).as("burnCpu drawn after zooming").isTrue();
        assertThat(Double.parseDouble(burnRect.group(1))).isZero();
        assertThat(Double.parseDouble(burnRect.group(2))).isCloseTo(svgWidth, org.assertj.core.data.Offset.offset(1.0));
        assertThat(zoomed.log()).doesNotContain("Refused to", "Uncaught");

        chromium.screenshot(page, dir.resolve("burn.png"));
        assertThat(dir.resolve("burn.png")).isNotEmptyFile();
    }

    @Test
    void requestWithoutTheSecretIsNeverProfiledAndTheViewerStaysClosed() throws Exception {
        HttpResponse<String> plain = server.get("/burn");
        HttpResponse<String> wrong = server.get("/burn", "X-Ludicrous-Profile", "not-the-secret-at-all");
        assertThat(plain.body()).isEqualTo("burned");
        assertThat(plain.headers().firstValue("Server-Timing")).isEmpty();
        assertThat(wrong.headers().firstValue("Server-Timing")).isEmpty();
        assertThat(store.size()).isZero();

        assertThat(server.get("/_profiler/").statusCode()).isIn(401, 404);
        assertThat(server.get("/_profiler/", "Authorization", "Bearer wrong-token-0123456789").statusCode()).isIn(401, 404);
        assertThat(server.get("/_profiler/", "Authorization", "Bearer " + TOKEN).body()).contains("None yet.");
    }

    private static long samplesIn(JsonNode node, String frame) {
        if (node.get("n").asText().equals(frame)) {
            return node.get("v").asLong();
        }
        long sum = 0;
        if (node.has("c")) {
            for (JsonNode child : node.get("c")) {
                sum += samplesIn(child, frame);
            }
        }
        return sum;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
