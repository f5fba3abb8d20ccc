package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.profiling.web.ProfilingFilter;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ProfilingTest {
    private static final String SECRET = "a-profiler-trigger-secret";
    private static final Pattern LINK = Pattern.compile("prof;desc=\"([^\"]+)\"");

    @Test
    void triggeredRequestIsProfiledAndItsFlameGraphIsOnTheDeveloperPages() throws Exception {
        try (TestBlog blog = TestBlog.start(Map.of("profiler.secret", SECRET))) {
            HttpResponse<String> page = blog.get("/naive", ProfilingFilter.DEFAULT_TRIGGER_HEADER, SECRET);

            String timing = String.join(", ", page.headers().allValues("Server-Timing"));
            Matcher link = LINK.matcher(timing);
            assertThat(link.find()).as("Server-Timing %s links a profile", timing).isTrue();
            assertThat(link.group(1)).startsWith(Profiling.VIEWER + "/");
            assertThat(timing).contains("db;dur=");

            HttpResponse<String> flameGraph = blog.get(link.group(1));
            assertThat(flameGraph.statusCode()).isEqualTo(200);
            assertThat(flameGraph.body()).contains("<svg").contains("dev.ludicrous.blog");
            assertThat(blog.get("/_ludicrous/").body()).contains("href=\"" + link.group(1) + "\"");
        }
    }

    @Test
    void requestWithoutTheSecretIsNotProfiled() throws Exception {
        // The slow mode would profile a request of a cold JVM on a busy machine: keep it out of reach.
        try (TestBlog blog = TestBlog.start(Map.of("profiler.secret", SECRET, "profiler.slow-ms", "600000"))) {
            HttpResponse<String> page = blog.get("/optimized", ProfilingFilter.DEFAULT_TRIGGER_HEADER, SECRET + "x");

            assertThat(String.join(", ", page.headers().allValues("Server-Timing"))).doesNotContain("prof;");
        }
    }

    @Test
    void sampledModeProfilesRequestsWithoutTheSecret() throws Exception {
        try (TestBlog blog = TestBlog.start(Map.of("profiler.secret", SECRET, "profiler.slow-ms", "600000",
                "profiler.sample-fraction", "1", "profiler.sample-interval-ms", "5"))) {
            HttpResponse<String> page = blog.get("/optimized");

            Matcher link = LINK.matcher(String.join(", ", page.headers().allValues("Server-Timing")));
            assertThat(link.find()).as("a sampled request links its profile").isTrue();
            assertThat(blog.get(Profiling.VIEWER + "/").body()).as("the profile says why it was taken").contains("<td>sample</td>");
        }
    }

    @Test
    void flameGraphsAreClosedInProductionWithoutTheToken() throws Exception {
        try (TestBlog blog = TestBlog.start(Map.of("profile", "production", "profiler.secret", SECRET))) {
            HttpResponse<String> page = blog.get("/naive", ProfilingFilter.DEFAULT_TRIGGER_HEADER, SECRET);
            Matcher link = LINK.matcher(String.join(", ", page.headers().allValues("Server-Timing")));
            assertThat(link.find()).isTrue();

            assertThat(blog.get(link.group(1)).statusCode()).isEqualTo(404);
            assertThat(blog.get(Profiling.VIEWER + "/").statusCode()).isEqualTo(404);
        }
    }
}
