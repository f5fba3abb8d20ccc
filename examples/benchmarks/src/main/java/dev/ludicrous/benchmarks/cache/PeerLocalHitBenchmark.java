package dev.ludicrous.benchmarks.cache;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;

/**
 * Local hits of the peers, configured as our local tier is (10,000 entries, 10-minute TTL, Redis
 * behind): JetCache 2.7 two-level (Caffeine + Redis through Jedis) and Redisson 4.x
 * {@code RLocalCachedMap}. {@link CacheBenchmarks} prints them against
 * {@link LocalHitBenchmark#rawCaffeineExpiringGetIfPresent} of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PeerLocalHitBenchmark {
    private static final String KEY = "/posts/42";
    private static final String PAGE = "<html>post 42</html>";

    private RedisBench redis;
    private com.alicp.jetcache.Cache<String, String> jetCache;
    private RedissonClient redisson;
    private RLocalCachedMap<String, String> redissonMap;

    /** Builds both peers and puts the same entry in each, so every read below is a local hit. */
    @Setup
    public void setUp() {
        redis = new RedisBench();
        jetCache = Peers.jetCacheTwoLevel(redis, 10_000);
        jetCache.put(KEY, PAGE);
        redisson = Peers.redisson();
        redissonMap = Peers.localCachedMap(redisson, redis, 10_000);
        redissonMap.fastPut(KEY, PAGE);
        if (!PAGE.equals(jetCache.get(KEY)) || !PAGE.equals(redissonMap.get(KEY))) {
            throw new IllegalStateException("a peer did not return the entry it was given");
        }
    }

    /** Removes what the peers wrote. */
    @TearDown
    public void tearDown() {
        redissonMap.delete();
        redisson.shutdown();
        redis.cleanUpAndClose();
    }

    /** JetCache two-level {@code get}, answered by its Caffeine level. */
    @Benchmark
    public String jetCacheLocalHit() {
        return jetCache.get(KEY);
    }

    /** Redisson {@code RLocalCachedMap.get}, answered by its local cache. */
    @Benchmark
    public String redissonLocalHit() {
        return redissonMap.get(KEY);
    }
}
