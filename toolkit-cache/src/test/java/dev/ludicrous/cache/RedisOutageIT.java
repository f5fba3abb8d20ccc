package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.ludicrous.testsupport.CuttableProxy;
import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

@RequiresRedis
class RedisOutageIT {
    private final RedisFixture redis = new RedisFixture();

    @AfterEach
    void cleanUp() {
        redis.close();
    }

    @Test
    void redisWhereNothingListensServesFromLocalTierAndLoadersAndLogsOnce() throws IOException {
        try (LogCapture log = new LogCapture(RedisHealth.class);
                CacheManager manager = redis.manager(redis.clientWhereNothingListens())
                        .circuitBreakerBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).build()) {
            Cache<String> pages = manager.cache("pages", Codec.string());
            AtomicInteger loads = new AtomicInteger();
            for (int i = 0; i < 20; i++) {
                assertThat(pages.get("home", () -> "html" + loads.incrementAndGet())).isEqualTo("html1");
            }
            // Versioned entries cannot be trusted without Redis: loaded every time, never failing.
            Cache<String> versioned = pages.dependingOn("post");
            assertThat(versioned.get("/", () -> "a")).isEqualTo("a");
            assertThat(versioned.get("/", () -> "b")).isEqualTo("b");
            manager.bump("post");
            pages.put("k", "v");
            pages.invalidate("k");
            assertThat(pages.getAll(List.of("x", "y"), keys -> Map.of("x", "X", "y", "Y"))).hasSize(2);

            assertThat(loads).hasValue(1);
            assertThat(manager.redisCircuitOpen()).isTrue();
            assertThat(manager.redisErrors()).isPositive();
            assertThat(log.lines(Level.WARN)).singleElement().asString()
                    .contains("is unavailable").contains("serving from the local tier and loaders");
        }
    }

    @Test
    void trafficCutMidTestFallsBackThenRecoversAndReplaysTheBumps() throws IOException {
        try (CuttableProxy proxy = CuttableProxy.to(TestServices.redisUri());
                LogCapture log = new LogCapture(RedisHealth.class);
                CacheManager flaky = redis.manager(redis.clientAt(new HostAndPort("127.0.0.1", proxy.port())))
                        .circuitBreakerBackoff(Duration.ofMillis(50), Duration.ofMillis(200)).build();
                CacheManager steady = redis.manager(redis.client((String) null)).build()) {
            Cache<String> onFlaky = flaky.cache("pages", Codec.string());
            Cache<String> versionedOnSteady = steady.cache("pages", Codec.string()).dependingOn("post");
            onFlaky.get("home", () -> "cached");
            versionedOnSteady.get("/", () -> "v1");

            proxy.cut();

            assertThat(onFlaky.get("home", () -> "never")).isEqualTo("cached");
            assertThat(onFlaky.get("other", () -> "loaded")).isEqualTo("loaded");
            flaky.bump("post"); // cannot reach Redis now: held back
            assertThat(flaky.redisCircuitOpen()).isTrue();
            assertThat(versionedOnSteady.get("/", () -> "not yet")).isEqualTo("v1");

            proxy.restore();

            await().atMost(Duration.ofSeconds(10)).until(() -> {
                onFlaky.get("probe", () -> "p");
                return !flaky.redisCircuitOpen();
            });
            assertThat(log.lines(Level.WARN)).hasSize(1);
            assertThat(log.lines(Level.INFO)).singleElement().asString().contains("answers again");
            // The bump made during the outage reached Redis and the other node.
            await().atMost(Duration.ofSeconds(10)).until(() -> versionedOnSteady.get("/", () -> "v2").equals("v2"));
        }
    }

    @Test
    void withServeLocalDuringOutageVersionedEntriesAreServedLocallyThroughAnOutage() throws IOException {
        try (CuttableProxy proxy = CuttableProxy.to(TestServices.redisUri());
                CacheManager node = redis.manager(redis.clientAt(new HostAndPort("127.0.0.1", proxy.port())))
                        .circuitBreakerBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                        .serveLocalDuringOutage(Duration.ofMinutes(5)).build()) {
            await().atMost(Duration.ofSeconds(10)).until(node::subscribed);
            Cache<String> pages = node.cache("pages", Codec.string()).dependingOn("post");
            Cache<String> comments = node.cache("pages", Codec.string()).dependingOn("comment");
            pages.get("/", () -> "v1");
            comments.get("/c", () -> "c1");

            proxy.cut();
            await().atMost(Duration.ofSeconds(10)).until(() -> !node.subscribed());

            AtomicInteger loads = new AtomicInteger();
            for (int i = 0; i < 10; i++) {
                assertThat(pages.get("/", () -> "v" + (2 + loads.getAndIncrement()))).isEqualTo("v1");
            }
            // A value loaded during the outage is kept locally too, under the versions this node knew.
            assertThat(pages.get("/new", () -> "n" + loads.incrementAndGet())).isEqualTo("n1");
            assertThat(pages.get("/new", () -> "n" + loads.incrementAndGet())).isEqualTo("n1");
            assertThat(loads).hasValue(1);
            // This node's own bump applies here at once.
            node.bump("comment");
            assertThat(comments.get("/c", () -> "c2")).isEqualTo("c2");
        }
    }

    @Test
    void closedClientMidTestNeverFailsAPage() {
        RedisClient client = redis.client((String) null);
        try (LogCapture log = new LogCapture(RedisHealth.class);
                CacheManager manager = redis.manager(client).build()) {
            Cache<String> pages = manager.cache("pages", Codec.string());
            pages.get("home", () -> "cached");

            client.close();

            for (int i = 0; i < 10; i++) {
                assertThat(pages.get("home", () -> "never")).isEqualTo("cached");
                assertThat(pages.get("new" + i, () -> "loaded")).isEqualTo("loaded");
                assertThat(pages.dependingOn("post").get("v", () -> "fresh")).isEqualTo("fresh");
            }
            assertThat(log.lines(Level.WARN)).hasSize(1);
        }
    }
}
