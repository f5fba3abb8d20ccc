package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.ludicrous.testsupport.RequiresRedis;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.RedisClient;

@RequiresRedis
class RedisCacheIT {
    private final RedisFixture redis = new RedisFixture();
    private final CacheManager nodeA = redis.manager(redis.client((String) null)).build();
    private final CacheManager nodeB = redis.manager(redis.client((String) null)).build();

    @AfterEach
    void cleanUp() {
        nodeA.close();
        nodeB.close();
        redis.close();
    }

    @Test
    void valueLoadedOnOneNodeIsARemoteHitOnAnother() {
        AtomicInteger loads = new AtomicInteger();
        nodeA.cache("pages", Codec.string()).get("home", () -> "html" + loads.incrementAndGet());
        String onB = nodeB.cache("pages", Codec.string()).get("home", () -> "html" + loads.incrementAndGet());

        assertThat(onB).isEqualTo("html1");
        assertThat(loads).hasValue(1);
        assertThat(nodeB.stats("pages").remoteHits()).isEqualTo(1);
        assertThat(redis.raw.pttl(redis.valueKey("pages", "home"))).isBetween(1L, Duration.ofMinutes(10).toMillis());
    }

    @Test
    void getAllTakesWhatRedisHasAndLoadsTheRestInOneCall() {
        nodeA.cache("posts", Codec.string()).put("1", "one");
        nodeA.cache("posts", Codec.string()).put("2", "two");
        AtomicInteger calls = new AtomicInteger();
        Map<String, String> values = nodeB.cache("posts", Codec.string()).getAll(List.of("1", "2", "3"), keys -> {
            calls.incrementAndGet();
            assertThat(keys).containsExactly("3");
            return Map.of("3", "three");
        });
        assertThat(values).containsExactly(Map.entry("1", "one"), Map.entry("2", "two"), Map.entry("3", "three"));
        assertThat(calls).hasValue(1);
        assertThat(nodeB.stats("posts").remoteHits()).isEqualTo(2);
        assertThat(redis.raw.exists(redis.valueKey("posts", "3"))).isTrue();
    }

    @Test
    void getAllThatFillsAFullLocalTierBringsItBackWithinItsBoundAfterItReturns() {
        List<String> keys = java.util.stream.IntStream.range(0, 100).mapToObj(Integer::toString).toList();
        Cache<String> writer = nodeA.cache("posts", Codec.string());
        keys.forEach(key -> writer.put(key, "post " + key));
        try (CacheManager small = redis.manager(redis.client((String) null)).localMaximumSize(10).build()) {
            Map<String, String> values = small.cache("posts", Codec.string()).getAll(keys, missing -> Map.of());

            assertThat(values).hasSize(100).containsEntry("42", "post 42");
            assertThat(small.stats("posts").remoteHits()).isEqualTo(100);
            // The evictions a bulk fill causes run after getAll returns, on the common pool.
            await().atMost(Duration.ofSeconds(10)).until(() -> small.stats("posts").evictions() == 90);
            assertThat(small.stats("posts").evictions()).isEqualTo(90);
        }
    }

    @Test
    void corruptBytesUnderOurKeyAreAMissThatIsLoggedAndReplaced() {
        redis.raw.set(redis.valueKey("pages", "home"), "not ours");
        try (LogCapture log = new LogCapture(RemoteReads.class)) {
            String value = nodeA.cache("pages", Codec.string()).get("home", () -> "fresh");
            assertThat(value).isEqualTo("fresh");
            assertThat(log.lines(Level.WARN)).singleElement().asString()
                    .contains("key 'home' in cache 'pages'").contains("Ludicrous cache header");
        }
        byte[] stored = redis.raw.get(redis.valueKey("pages", "home").getBytes(StandardCharsets.UTF_8));
        assertThat(Envelope.read(stored).payload()).asString(StandardCharsets.UTF_8).isEqualTo("fresh");
    }

    @Test
    void valueWrittenWithAnotherCodecIsNeverDecoded() {
        nodeA.cache("shared", Codec.string()).put("k", "text");
        AtomicInteger decodes = new AtomicInteger();
        Cache<String> other = nodeB.cache("shared", Codec.of("upper", s -> s.getBytes(StandardCharsets.UTF_8), bytes -> {
            decodes.incrementAndGet();
            return new String(bytes, StandardCharsets.UTF_8).toUpperCase();
        }));
        try (LogCapture log = new LogCapture(RemoteReads.class)) {
            assertThat(other.get("k", () -> "loaded")).isEqualTo("loaded");
            assertThat(log.lines(Level.WARN)).singleElement().asString().contains("written with codec 'string'");
        }
        assertThat(decodes).hasValue(0);
    }

    @Test
    void putOnOneNodeDropsTheLocalCopyOfAnother() {
        Cache<String> onA = nodeA.cache("c", Codec.string());
        Cache<String> onB = nodeB.cache("c", Codec.string());
        onB.get("k", () -> "old");
        onA.put("k", "new");
        await().atMost(Duration.ofSeconds(10)).until(() -> onB.get("k", () -> "loaded").equals("new"));
    }

    @Test
    void bumpOnOneNodeMakesTheOtherNodesLocalCopiesStale() {
        Cache<String> onA = nodeA.cache("pages", Codec.string()).dependingOn("post");
        Cache<String> onB = nodeB.cache("pages", Codec.string()).dependingOn("post");
        onA.get("/", () -> "v1");
        assertThat(onB.get("/", () -> "never")).isEqualTo("v1");
        // B now answers from its local tier: removing the Redis copy behind its back changes nothing.
        redis.raw.del(redis.valueKey("pages", "/"));
        assertThat(onB.get("/", () -> "never")).isEqualTo("v1");

        nodeA.bump("post");

        await().atMost(Duration.ofSeconds(10)).until(() -> onB.get("/", () -> "v2").equals("v2"));
        assertThat(onA.get("/", () -> "never")).isEqualTo("v2");
    }

    @Test
    void bumpOfSeveralNamespacesInOneCallReachesEveryOtherNode() {
        Cache<String> postPages = nodeB.cache("pages", Codec.string()).dependingOn("post");
        Cache<String> commentPages = nodeB.cache("pages", Codec.string()).dependingOn("comment");
        postPages.get("/post", () -> "post v1");
        commentPages.get("/comment", () -> "comment v1");
        redis.raw.del(redis.valueKey("pages", "/post"), redis.valueKey("pages", "/comment"));
        long post = Long.parseLong(redis.raw.get(redis.counterKey("post")));

        nodeA.bump("post", "comment", "never-seen");

        await().atMost(Duration.ofSeconds(10)).until(() -> postPages.get("/post", () -> "post v2").equals("post v2")
                && commentPages.get("/comment", () -> "comment v2").equals("comment v2"));
        assertThat(Long.parseLong(redis.raw.get(redis.counterKey("post")))).isEqualTo(post + 1);
        assertThat(redis.raw.get(redis.counterKey("never-seen"))).matches("\\d{16,}");
    }

    @Test
    void bumpPublishesTheVersionItSetInRedis() throws Exception {
        BlockingQueue<String> published = new LinkedBlockingQueue<>();
        CountDownLatch listening = new CountDownLatch(1);
        BinaryJedisPubSub listener = new BinaryJedisPubSub() {
            @Override
            public void onSubscribe(byte[] channel, int count) {
                listening.countDown();
            }

            @Override
            public void onMessage(byte[] channel, byte[] message) {
                published.add(new String(message, StandardCharsets.UTF_8));
            }
        };
        RedisClient listenerClient = redis.client((String) null);
        Thread listenerThread = new Thread(() -> listenerClient.subscribe(listener, redis.invalidationChannel()));
        listenerThread.start();
        try {
            assertThat(listening.await(10, TimeUnit.SECONDS)).isTrue();
            nodeA.bump("post");
            nodeA.bump("post", "comment");

            assertThat(poll(published)).matches("b \\d{16,} \\w+ post");
            // One message per namespace of the call, in an order of its choosing.
            assertThat(List.of(poll(published), poll(published))).map(message -> message.replaceFirst("^(b \\d+) \\w+ ", "$1 node "))
                    .containsExactlyInAnyOrder("b " + redis.raw.get(redis.counterKey("post")) + " node post",
                            "b " + redis.raw.get(redis.counterKey("comment")) + " node comment");
        } finally {
            listener.unsubscribe();
            listenerThread.join(10_000);
        }
    }

    private static String poll(BlockingQueue<String> queue) throws InterruptedException {
        String message = queue.poll(10, TimeUnit.SECONDS);
        assertThat(message).as("a message within 10 seconds").isNotNull();
        return message;
    }

    @Test
    void missingCounterMeansStaleNeverFresh() {
        Cache<String> onA = nodeA.cache("pages", Codec.string()).dependingOn("post");
        onA.get("/", () -> "v1");
        redis.raw.del(redis.counterKey("post"));

        assertThat(nodeB.cache("pages", Codec.string()).dependingOn("post").get("/", () -> "v2")).isEqualTo("v2");
        assertThat(redis.raw.get(redis.counterKey("post"))).matches("\\d{16,}");
    }

    @Test
    void bumpOfAMissingOrDamagedCounterStartsItFromTheServerClockThenIncrements() {
        nodeA.bump("fresh-namespace");
        long created = Long.parseLong(redis.raw.get(redis.counterKey("fresh-namespace")));
        assertThat(created).isGreaterThan(1_600_000_000_000_000L);
        nodeA.bump("fresh-namespace");
        assertThat(Long.parseLong(redis.raw.get(redis.counterKey("fresh-namespace")))).isEqualTo(created + 1);

        redis.raw.set(redis.counterKey("damaged"), "not a number");
        nodeA.bump("damaged");
        assertThat(redis.raw.get(redis.counterKey("damaged"))).matches("\\d{16,}");
    }

    @Test
    void putOnAVersionedViewIsFreshOnAnotherNode() {
        Cache<String> onA = nodeA.cache("pages", Codec.string()).dependingOn("post");
        onA.get("/", () -> "v1");
        onA.put("/", "v2");
        assertThat(nodeB.cache("pages", Codec.string()).dependingOn("post").get("/", () -> "loaded")).isEqualTo("v2");
        nodeB.bump("post");
        await().atMost(Duration.ofSeconds(10)).until(() -> onA.get("/", () -> "v3").equals("v3"));
    }

    @Test
    void bumpWhileALoaderRunsLeavesNothingStaleInRedis() throws Exception {
        Cache<String> onA = nodeA.cache("pages", Codec.string()).dependingOn("post");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch bumped = new CountDownLatch(1);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(
                () -> onA.get("/", () -> {
                    started.countDown();
                    try {
                        bumped.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return "before the bump";
                }));
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        nodeB.bump("post");
        bumped.countDown();
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("before the bump");

        assertThat(nodeB.cache("pages", Codec.string()).dependingOn("post").get("/", () -> "after")).isEqualTo("after");
        await().atMost(Duration.ofSeconds(10)).until(() -> onA.get("/", () -> "after").equals("after"));
    }

    @Test
    void withALoadLeaseConcurrentMissesOnTwoNodesLoadOnce() throws Exception {
        // Threads of its own: the two reads block together, and the common pool may have one
        // worker (on JDK 25 with two cores CompletableFuture's default pool does).
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        try (CacheManager leaderNode = redis.manager(redis.client((String) null)).loadLease(Duration.ofSeconds(10)).build();
                CacheManager followerNode = redis.manager(redis.client((String) null)).loadLease(Duration.ofSeconds(10))
                        .build()) {
            CountDownLatch started = new CountDownLatch(1);
            AtomicInteger loads = new AtomicInteger();
            CompletableFuture<String> leader = CompletableFuture.supplyAsync(
                    () -> leaderNode.cache("pages", Codec.string()).get("/", () -> {
                        started.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return "leader's " + loads.incrementAndGet();
                    }), nodes);
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<String> follower = CompletableFuture.supplyAsync(
                    () -> followerNode.cache("pages", Codec.string()).get("/", () -> "follower's " + loads.incrementAndGet()),
                    nodes);
            // The follower has missed, found the lease taken and read Redis again at least once.
            await().atMost(Duration.ofSeconds(10)).until(() -> followerNode.cacheNames().contains("pages")
                    && followerNode.stats("pages").remoteMisses() >= 2);
            release.countDown();

            assertThat(leader.get(10, TimeUnit.SECONDS)).isEqualTo("leader's 1");
            assertThat(follower.get(10, TimeUnit.SECONDS)).isEqualTo("leader's 1");
            assertThat(loads).hasValue(1);
        } finally {
            release.countDown();
            nodes.shutdownNow();
        }
    }

    @Test
    void backgroundRefreshWritesTheNewValueToRedisForOtherNodes() {
        AtomicLong now = new AtomicLong();
        try (CacheManager refreshing = redis.manager(redis.client((String) null)).ticker(now::get)
                .refreshExecutor(Runnable::run).cache("pages", Duration.ofMinutes(1))
                .staleWhileRevalidate("pages", Duration.ofMinutes(5)).build()) {
            Cache<String> pages = refreshing.cache("pages", Codec.string()).dependingOn("post");
            pages.get("/", () -> "v1");
            now.addAndGet(Duration.ofSeconds(61).toNanos());
            assertThat(pages.get("/", () -> "v2")).isEqualTo("v1");
            assertThat(nodeB.cache("pages", Codec.string()).dependingOn("post").get("/", () -> "never")).isEqualTo("v2");
        }
    }

    @Test
    void lostSubscriptionMakesVersionedLocalEntriesStaleUntilItIsBack() {
        String name = "ludicrous-it-" + redis.prefix.replace(":", "");
        try (CacheManager node = redis.manager(redis.client(name))
                .circuitBreakerBackoff(Duration.ofMillis(200), Duration.ofMillis(400)).build();
                LogCapture log = new LogCapture(RedisHealth.class)) {
            await().atMost(Duration.ofSeconds(10)).until(node::subscribed);
            Cache<String> pages = node.cache("pages", Codec.string()).dependingOn("post");
            pages.get("/", () -> "v1");
            redis.raw.del(redis.valueKey("pages", "/"));
            assertThat(pages.get("/", () -> "never")).isEqualTo("v1");

            assertThat(redis.killSubscription(name)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> log.lines(Level.WARN).size() == 1);

            await().atMost(Duration.ofSeconds(10)).until(node::subscribed);
            assertThat(log.lines(Level.WARN)).singleElement().asString().contains("is unavailable (the invalidation subscription: ");
            assertThat(log.lines(Level.INFO)).singleElement().asString().contains("answers again");
            // Bumps published while it was down are lost, so the local copy is not trusted any more.
            assertThat(pages.get("/", () -> "v2")).isEqualTo("v2");
        }
    }
}
