package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ludicrous.cache.Cache;
import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.Codec;
import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The blog's Redis client when every pooled connection is taken (by the cache's subscriber, the
 * task broker's blocked reader and other requests): a request must not wait for one with no
 * bound. With Jedis's default pool ({@code RedisClient.create(uri)}) both tests hang.
 */
@RequiresRedis
class RedisClientsIT {
    private static final Duration BOUND = Duration.ofSeconds(10);

    @Test
    void aCommandThatFindsNoFreeConnectionFailsInsteadOfWaitingForever() {
        try (RedisClient redis = RedisClients.create(TestServices.redisUri(), RedisClients.LONG_HELD + 1)) {
            List<Connection> taken = take(redis, RedisClients.LONG_HELD + 1);
            try {
                assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(() -> redis.get("blog-it:absent"))
                        .isInstanceOf(JedisException.class));
            } finally {
                taken.forEach(Connection::close);
            }
        }
    }

    @Test
    void aCachedPageIsRenderedWhenNoConnectionIsFree() {
        String prefix = TestServices.uniqueName("blog_pool") + ":";
        int poolSize = RedisClients.LONG_HELD + 1;
        try (RedisClient redis = RedisClients.create(TestServices.redisUri(), poolSize)) {
            try (CacheManager manager = CacheManager.builder().redis(redis).keyPrefix(prefix).build()) {
                // the invalidation subscriber holds one connection for as long as the manager runs
                await().atMost(BOUND).until(() -> redis.getPool().getNumActive() == 1);
                Cache<String> pages = manager.cache(Caching.PAGES, Codec.string()).dependingOn(Caching.HOMEPAGE);
                List<Connection> taken = take(redis, poolSize - 1);
                try {
                    String page = assertTimeoutPreemptively(BOUND, () -> pages.get("home", () -> "rendered"));
                    assertThat(page).isEqualTo("rendered");
                } finally {
                    taken.forEach(Connection::close);
                }
            } finally {
                for (String key : redis.keys(prefix + "*")) {
                    redis.del(key);
                }
            }
        }
    }

    private static List<Connection> take(RedisClient redis, int count) {
        List<Connection> taken = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            taken.add(redis.getPool().getResource());
        }
        return taken;
    }
}
