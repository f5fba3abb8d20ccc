package dev.ludicrous.benchmarks.cache;

import com.alicp.jetcache.MultiLevelCacheBuilder;
import com.alicp.jetcache.embedded.CaffeineCacheBuilder;
import com.alicp.jetcache.redis.RedisCacheBuilder;
import com.alicp.jetcache.support.Fastjson2KeyConvertor;
import com.alicp.jetcache.support.JavaValueDecoder;
import com.alicp.jetcache.support.JavaValueEncoder;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.LocalCachedMapOptions;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/**
 * The peers, built the way their guides show without Spring, with our defaults (10-minute TTL)
 * and the benchmark's Redis and key prefix.
 */
final class Peers {
    private static final long TTL_MINUTES = 10;

    private Peers() {
    }

    /**
     * JetCache 2.7 two-level cache: Caffeine ({@code localLimit} entries) in front of its Redis
     * cache on our Jedis 8 {@code RedisClient} (its {@code jedis(UnifiedJedis)} setting), values
     * in its default Java-serialization encoding.
     */
    static com.alicp.jetcache.Cache<String, String> jetCacheTwoLevel(RedisBench redis, int localLimit) {
        com.alicp.jetcache.Cache<String, String> local = CaffeineCacheBuilder.createCaffeineCacheBuilder()
                .limit(localLimit).expireAfterWrite(TTL_MINUTES, TimeUnit.MINUTES).buildCache();
        com.alicp.jetcache.Cache<String, String> remote = RedisCacheBuilder.createRedisCacheBuilder()
                .jedis(redis.client).keyPrefix(redis.prefix + "jetcache:")
                .keyConvertor(Fastjson2KeyConvertor.INSTANCE)
                .valueEncoder(JavaValueEncoder.INSTANCE).valueDecoder(JavaValueDecoder.INSTANCE)
                .expireAfterWrite(TTL_MINUTES, TimeUnit.MINUTES).buildCache();
        return MultiLevelCacheBuilder.createMultiLevelCacheBuilder().addCache(local, remote)
                .expireAfterWrite(TTL_MINUTES, TimeUnit.MINUTES).buildCache();
    }

    static RedissonClient redisson() {
        Config config = new Config();
        config.useSingleServer().setAddress(RedisBench.uri().toString());
        return Redisson.create(config);
    }

    /**
     * Redisson {@code RLocalCachedMap} of strings, with a local cache of {@code localSize} entries
     * evicted LRU (Redisson's default eviction policy, NONE, ignores the size: the local cache
     * would keep every entry and a "remote" read would never leave the JVM).
     */
    static RLocalCachedMap<String, String> localCachedMap(RedissonClient redisson, RedisBench redis, int localSize) {
        LocalCachedMapOptions<String, String> options = LocalCachedMapOptions.<String, String>name(redis.prefix + "redisson-map")
                .cacheSize(localSize).evictionPolicy(LocalCachedMapOptions.EvictionPolicy.LRU)
                .timeToLive(Duration.ofMinutes(TTL_MINUTES));
        options.codec(StringCodec.INSTANCE);
        return redisson.getLocalCachedMap(options);
    }
}
