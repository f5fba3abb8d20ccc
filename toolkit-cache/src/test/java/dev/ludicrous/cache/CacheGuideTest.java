package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.testsupport.DocSnippets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The examples of docs/cache.md that need no Redis, run as written. */
class CacheGuideTest {
    private final AtomicInteger renders = new AtomicInteger();
    private final AtomicInteger queries = new AtomicInteger();

    @Test
    void guideExamplesAreTheTestedCode() {
        assertThat(DocSnippets.assertInSync(Path.of("../docs/cache.md"), Path.of("src/test/java"))).isPositive();
    }

    @Test
    void localOnlyManagerCachesAPage() {
        // snippet: build-local
        CacheManager manager = CacheManager.builder()
                .localMaximumSize(10_000)
                .defaultTtl(Duration.ofMinutes(10))
                .cache("pages", Duration.ofMinutes(1))
                .build();
        // end-snippet
        // snippet: get
        Cache<String> pages = manager.cache("pages", Codec.string());
        String html = pages.get("/about", () -> render("/about"));
        // end-snippet
        assertThat(html).isEqualTo("<h1>/about</h1>");
        assertThat(pages.get("/about", () -> render("/about"))).isEqualTo(html);
        assertThat(renders).hasValue(1);
    }

    @Test
    void pageDependingOnNamespacesRefreshesAfterABump() {
        CacheManager manager = CacheManager.builder().build();
        long postId = 42;
        // snippet: recipe-page
        Cache<String> pages = manager.cache("pages", Codec.string());
        String html = pages.dependingOn("post:" + postId, "comment:post:" + postId)
                .get("/posts/" + postId, () -> render("/posts/" + postId));
        // end-snippet
        assertThat(html).isEqualTo("<h1>/posts/42</h1>");
        // snippet: bump
        // after a comment on post 42 is saved (and committed):
        manager.bump("comment:post:" + postId);
        // end-snippet
        pages.dependingOn("post:42", "comment:post:42").get("/posts/42", () -> render("/posts/42"));
        assertThat(renders).hasValue(2);
    }

    @Test
    void queryResultCachedUnderTheTypeNamespace() {
        CacheManager manager = CacheManager.builder().build();
        // snippet: recipe-query
        Codec<List<Long>> ids = Codec.of("ids",
                list -> String.join(",", list.stream().map(String::valueOf).toList()).getBytes(StandardCharsets.UTF_8),
                bytes -> new String(bytes, StandardCharsets.UTF_8).isEmpty() ? List.of()
                        : java.util.Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split(","))
                                .map(Long::valueOf).toList());
        Cache<List<Long>> queryResults = manager.cache("queries", ids);
        List<Long> latest = queryResults.dependingOn("post")
                .get("latest-posts:10", () -> latestPostIds(10));
        // end-snippet
        assertThat(latest).containsExactly(10L, 9L, 8L, 7L, 6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(queryResults.dependingOn("post").get("latest-posts:10", () -> latestPostIds(10))).isEqualTo(latest);
        assertThat(queries).hasValue(1);
    }

    @Test
    void commentCountsPerPostInOneBulkLoad() {
        CacheManager manager = CacheManager.builder().recordStats().build();
        List<String> postIds = List.of("1", "2", "3");
        // snippet: recipe-aggregate
        Codec<Long> number = Codec.of("long", n -> Long.toString(n).getBytes(StandardCharsets.US_ASCII),
                bytes -> Long.parseLong(new String(bytes, StandardCharsets.US_ASCII)));
        Cache<Long> commentCounts = manager.cache("comment-counts", number).dependingOn("comment");
        Map<String, Long> counts = commentCounts.getAll(postIds, missing -> countCommentsByPost(missing));
        // end-snippet
        assertThat(counts).containsExactly(Map.entry("1", 1L), Map.entry("2", 2L), Map.entry("3", 3L));
        commentCounts.getAll(postIds, missing -> countCommentsByPost(missing));
        assertThat(queries).hasValue(1);
        // snippet: stats
        CacheStats stats = manager.stats("comment-counts");
        double hitRatio = (double) stats.localHits() / (stats.localHits() + stats.localMisses());
        // end-snippet
        assertThat(hitRatio).isEqualTo(0.5);
    }

    @Test
    void refreshAheadSettingsBuild() {
        java.util.concurrent.ExecutorService refreshPool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            // snippet: refresh-ahead
            CacheManager manager = CacheManager.builder()
                    .cache("homepage", Duration.ofMinutes(1))
                    .staleWhileRevalidate("homepage", Duration.ofMinutes(5))
                    .earlyRefresh("homepage", 1.0)
                    .refreshExecutor(refreshPool)
                    .build();
            // end-snippet
            assertThat(manager.cache("homepage", Codec.string()).get("/", () -> render("/"))).isEqualTo("<h1>/</h1>");
        } finally {
            refreshPool.shutdown();
        }
    }

    @Test
    void outageGraceSettingBuilds() {
        // snippet: outage-grace
        CacheManager manager = CacheManager.builder()
                .serveLocalDuringOutage(Duration.ofSeconds(30))
                .build();
        // end-snippet
        assertThat(manager.cache("pages", Codec.string()).dependingOn("post").get("/", () -> render("/")))
                .isEqualTo("<h1>/</h1>");
    }

    private String render(String path) {
        renders.incrementAndGet();
        return "<h1>" + path + "</h1>";
    }

    private List<Long> latestPostIds(int limit) {
        queries.incrementAndGet();
        return java.util.stream.LongStream.rangeClosed(1, limit).map(i -> limit + 1 - i).boxed().toList();
    }

    private Map<String, Long> countCommentsByPost(Set<String> postIds) {
        queries.incrementAndGet();
        Map<String, Long> counts = new HashMap<>();
        postIds.forEach(id -> counts.put(id, Long.parseLong(id)));
        return counts;
    }
}
