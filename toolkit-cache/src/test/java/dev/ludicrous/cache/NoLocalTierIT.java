package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.ludicrous.testsupport.RequiresRedis;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code localMaximumSize(0)}: every read is answered by Redis, on the real Redis. */
@RequiresRedis
class NoLocalTierIT {
    private final RedisFixture redis = new RedisFixture();
    private final CacheManager shared = redis.manager(redis.client((String) null)).localMaximumSize(0)
            .recordStats().build();

    @AfterEach
    void cleanUp() {
        shared.close();
        redis.close();
    }

    @Test
    void everyReadIsARemoteHitAndNothingIsKeptOnTheNode() {
        Cache<String> pages = shared.cache("pages", Codec.string());
        pages.put("home", "v1");
        pages.put("about", "v2");

        assertThat(pages.get("home", () -> "never")).isEqualTo("v1");
        assertThat(pages.get("home", () -> "never")).isEqualTo("v1");
        assertThat(pages.getAll(List.of("home", "about"), missing -> Map.of())).containsOnlyKeys("home", "about");
        assertThat(pages.getIfPresent("about")).contains("v2");

        CacheStats stats = shared.stats("pages");
        assertThat(stats.remoteHits()).isEqualTo(5);
        assertThat(stats.localHits()).isZero();
        assertThat(stats.localMisses()).isEqualTo(5);
    }

    @Test
    void aValueChangedInRedisIsSeenAtOnceWithoutAnInvalidationMessage() {
        try (CacheManager twoTiers = redis.manager(redis.client((String) null)).build()) {
            // Written by the two-tier node itself: no message of another node's is on its way to it.
            twoTiers.cache("pages", Codec.string()).put("home", "v1");
            assertThat(shared.cache("pages", Codec.string()).get("home", () -> "never")).isEqualTo("v1");

            // Other bytes land under the key with no message about it ("draft"'s message names "draft").
            twoTiers.cache("pages", Codec.string()).put("draft", "v2");
            redis.copyValue("pages", "draft", "pages", "home");

            assertThat(shared.cache("pages", Codec.string()).get("home", () -> "never")).isEqualTo("v2");
            // A node with a local tier serves its copy until a message tells it otherwise.
            assertThat(twoTiers.cache("pages", Codec.string()).get("home", () -> "never")).isEqualTo("v1");
        }
    }

    @Test
    void aCacheNamedWithoutALocalTierReadsRedisWhileTheOtherCachesKeepTheirs() {
        try (CacheManager mixed = redis.manager(redis.client((String) null)).noLocalTier("stock").recordStats()
                .build()) {
            Cache<String> stock = mixed.cache("stock", Codec.string());
            Cache<String> pages = mixed.cache("pages", Codec.string());
            stock.put("sku-1", "3 left");
            pages.put("home", "v1");

            redis.copyValue("pages", "home", "stock", "sku-1");

            // The bytes now under the stock key are the page's: a read of Redis sees them at once.
            assertThat(stock.get("sku-1", () -> "never")).isEqualTo("v1");
            assertThat(pages.get("home", () -> "never")).isEqualTo("v1");
            assertThat(mixed.stats("stock").remoteHits()).isEqualTo(1);
            assertThat(mixed.stats("pages").localHits()).isEqualTo(1);
        }
    }

    @Test
    void aBumpOnAnotherNodeIsSeenByTheNextRead() {
        try (CacheManager other = redis.manager(redis.client((String) null)).build()) {
            Cache<String> counts = shared.cache("counts", Codec.string()).dependingOn("post:1");
            AtomicInteger loads = new AtomicInteger();
            assertThat(counts.get("comments", () -> "n" + loads.incrementAndGet())).isEqualTo("n1");
            assertThat(counts.get("comments", () -> "n" + loads.incrementAndGet())).isEqualTo("n1");

            other.bump("post:1");

            assertThat(counts.get("comments", () -> "n" + loads.incrementAndGet())).isEqualTo("n2");
        }
    }

    @Test
    void withRedisDownEveryReadRunsTheLoaderAndNoneFails() throws Exception {
        try (LogCapture log = new LogCapture(RedisHealth.class);
                CacheManager down = redis.manager(redis.clientWhereNothingListens()).localMaximumSize(0).build()) {
            Cache<String> pages = down.cache("pages", Codec.string());
            AtomicInteger loads = new AtomicInteger();

            assertThat(pages.get("home", () -> "v" + loads.incrementAndGet())).isEqualTo("v1");
            assertThat(pages.get("home", () -> "v" + loads.incrementAndGet())).isEqualTo("v2");
            assertThat(pages.getAll(List.of("a", "b"), missing -> Map.of("a", "A", "b", "B")))
                    .containsOnly(Map.entry("a", "A"), Map.entry("b", "B"));
            assertThat(log.lines(Level.WARN)).singleElement().asString()
                    .contains("is unavailable").contains("; serving from loaders until it is back");
        }
    }
}
