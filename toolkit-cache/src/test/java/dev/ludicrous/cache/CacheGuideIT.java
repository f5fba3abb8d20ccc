package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

/** The examples of docs/cache.md that use Redis, run as written against the test Redis. */
@RequiresRedis
class CacheGuideIT {
    @Test
    void twoNodesShareValuesAndBumps() {
        String redisUri = TestServices.redisUri().toString();
        try (RedisFixture fixture = new RedisFixture()) {
            String prefix = fixture.prefix;
            // snippet: build-redis
            RedisClient redis = RedisClient.create(redisUri);
            CacheManager manager = CacheManager.builder()
                    .redis(redis)
                    .keyPrefix(prefix) // e.g. "blog:"; one per app sharing the Redis
                    .defaultTtl(Duration.ofMinutes(10))
                    .circuitBreakerBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
                    .build();
            // end-snippet
            try (RedisClient otherRedis = RedisClient.create(redisUri);
                    CacheManager otherNode = CacheManager.builder().redis(otherRedis).keyPrefix(prefix).build()) {
                Cache<String> here = manager.cache("pages", Codec.string()).dependingOn("post");
                Cache<String> there = otherNode.cache("pages", Codec.string()).dependingOn("post");
                here.get("/", () -> "v1");
                assertThat(there.get("/", () -> "never")).isEqualTo("v1");
                manager.bump("post");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> there.get("/", () -> "v2").equals("v2"));
            } finally {
                // snippet: close
                manager.close(); // stops the invalidation listener
                redis.close();   // the client is yours to close
                // end-snippet
            }
        }
    }

    @Test
    void withoutALocalTierEveryNodeReadsWhatRedisHoldsNow() {
        String redisUri = TestServices.redisUri().toString();
        try (RedisFixture fixture = new RedisFixture(); RedisClient redis = RedisClient.create(redisUri)) {
            String prefix = fixture.prefix;
            // snippet: build-no-local-tier
            CacheManager manager = CacheManager.builder()
                    .redis(redis)
                    .keyPrefix(prefix)
                    .localMaximumSize(0) // no local tier: every read is one round trip
                    .build();
            // end-snippet
            try (manager; RedisClient otherRedis = RedisClient.create(redisUri);
                    CacheManager otherNode = CacheManager.builder().redis(otherRedis).keyPrefix(prefix).build()) {
                Cache<String> here = manager.cache("stock", Codec.string());
                here.get("sku-1", () -> "3 left");
                otherNode.cache("stock", Codec.string()).put("sku-1", "2 left");
                // No waiting for the other node's message: there is no local copy to drop.
                assertThat(here.get("sku-1", () -> "never")).isEqualTo("2 left");
            }
            // snippet: build-no-local-tier-one-cache
            CacheManager mixed = CacheManager.builder()
                    .redis(redis)
                    .keyPrefix(prefix)
                    .noLocalTier("stock") // stock counts: always what Redis holds; pages: two tiers
                    .build();
            // end-snippet
            try (mixed) {
                mixed.cache("stock", Codec.string()).get("sku-1", () -> "never");
                mixed.cache("stock", Codec.string()).get("sku-1", () -> "never");
                assertThat(mixed.stats("stock").remoteHits()).isEqualTo(2);
            }
        }
    }
}
