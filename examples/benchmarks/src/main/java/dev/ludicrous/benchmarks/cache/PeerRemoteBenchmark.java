package dev.ludicrous.benchmarks.cache;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RBucket;
import org.redisson.api.RBuckets;
import org.redisson.api.RLocalCachedMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * The peers' reads that go to Redis, set up as {@link RemoteBenchmark} sets up ours: 1,000 pages
 * of 500 characters, a local level of one entry, keys read in turn, so nearly every read misses
 * locally, reads Redis and fills the local level. {@link CacheBenchmarks} prints each against the
 * raw Jedis {@code GET}, {@code MGET} of 100 or {@code DEL} of the same run.
 *
 * <ul>
 *   <li>JetCache 2.7 two-level (Caffeine + Redis on our Jedis 8 {@code RedisClient}): {@code get},
 *       {@code getAll} of 100, {@code remove} (a {@code DEL}; without a JetCache
 *       {@code CacheManager} and broadcast channel it tells no other node).</li>
 *   <li>Redisson 4.x: {@code RLocalCachedMap} {@code get}, {@code getAll} of 100 (one
 *       {@code HMGET}) and {@code fastRemove} (a script that deletes and publishes the
 *       invalidation to the other instances); {@code RBucket.get} and {@code RBuckets.get} of
 *       100 ({@code GET}, {@code MGET}), Redisson's plain key-value reads.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PeerRemoteBenchmark {
    private static final int KEYS = 1_000;
    private static final int BATCH = 100;

    private RedisBench redis;
    private com.alicp.jetcache.Cache<String, String> jetCache;
    private RedissonClient redisson;
    private RLocalCachedMap<String, String> redissonMap;
    private RBuckets redissonBuckets;
    private String[] keys;
    private String[] bucketNames;
    private String[][] bucketBatches;
    private Set<String>[] batches;
    private int next;

    /** Writes the same 1,000 pages through each peer. */
    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        redis = new RedisBench();
        jetCache = Peers.jetCacheTwoLevel(redis, 1);
        redisson = Peers.redisson();
        redissonMap = Peers.localCachedMap(redisson, redis, 1);
        redissonBuckets = redisson.getBuckets(StringCodec.INSTANCE);
        String page = "<html>" + "x".repeat(500) + "</html>";
        keys = new String[KEYS];
        bucketNames = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "/posts/" + i;
            bucketNames[i] = redis.prefix + "redisson-bucket:" + i;
            jetCache.put(keys[i], page);
            redissonMap.fastPut(keys[i], page);
            redisson.<String>getBucket(bucketNames[i], StringCodec.INSTANCE).set(page);
        }
        batches = new Set[KEYS / BATCH];
        bucketBatches = new String[KEYS / BATCH][];
        for (int b = 0; b < batches.length; b++) {
            batches[b] = new LinkedHashSet<>(java.util.Arrays.asList(keys).subList(b * BATCH, (b + 1) * BATCH));
            bucketBatches[b] = java.util.Arrays.copyOfRange(bucketNames, b * BATCH, (b + 1) * BATCH);
        }
        if (jetCache.getAll(batches[0]).size() != BATCH || redissonMap.getAll(batches[0]).size() != BATCH
                || redissonBuckets.get(bucketBatches[0]).size() != BATCH) {
            throw new IllegalStateException("a peer did not return the 100 entries it was given");
        }
    }

    /** Removes what the peers wrote. */
    @TearDown
    public void tearDown() {
        redissonMap.delete();
        redisson.shutdown();
        redis.cleanUpAndClose();
    }

    private int nextIndex() {
        next = (next + 1) % KEYS;
        return next;
    }

    /** JetCache two-level {@code get} with its local level cold: one Redis {@code GET}. */
    @Benchmark
    public String jetCacheRemoteHit() {
        return jetCache.get(keys[nextIndex()]);
    }

    /** Redisson {@code RLocalCachedMap.get} with its local cache cold: one {@code HGET}. */
    @Benchmark
    public String redissonLocalCachedMapRemoteHit() {
        return redissonMap.get(keys[nextIndex()]);
    }

    /** Redisson {@code RBucket.get}: one {@code GET}, no local level. */
    @Benchmark
    public String redissonBucketGet() {
        RBucket<String> bucket = redisson.getBucket(bucketNames[nextIndex()], StringCodec.INSTANCE);
        return bucket.get();
    }

    /** JetCache two-level {@code getAll} of 100 keys, local level cold. */
    @Benchmark
    public Map<String, String> jetCacheGetAll100() {
        return jetCache.getAll(batches[nextIndex() % batches.length]);
    }

    /** Redisson {@code RLocalCachedMap.getAll} of 100 keys, local cache cold. */
    @Benchmark
    public Map<String, String> redissonLocalCachedMapGetAll100() {
        return redissonMap.getAll(batches[nextIndex() % batches.length]);
    }

    /** Redisson {@code RBuckets.get} of 100 keys: one {@code MGET}. */
    @Benchmark
    public Map<String, String> redissonBucketsGet100() {
        return redissonBuckets.get(bucketBatches[nextIndex() % bucketBatches.length]);
    }

    /** JetCache two-level {@code remove}: the local entry and a Redis {@code DEL}. */
    @Benchmark
    public boolean jetCacheInvalidate() {
        return jetCache.remove(keys[nextIndex()]);
    }

    /** Redisson {@code RLocalCachedMap.fastRemove}: deletes and tells the other instances. */
    @Benchmark
    public long redissonLocalCachedMapInvalidate() {
        return redissonMap.fastRemove(keys[nextIndex()]);
    }
}
