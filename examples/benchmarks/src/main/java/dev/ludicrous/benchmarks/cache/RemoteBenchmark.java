package dev.ludicrous.benchmarks.cache;

import dev.ludicrous.cache.Cache;
import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.Codec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round trips to the real Redis: a remote hit (the local tier holds one entry, and the keys cycle
 * over 1,000, so nearly every read goes to Redis) against a raw Jedis {@code GET} of the same
 * bytes; {@code getAll} of 100 keys against a raw {@code MGET} of 100; {@code bump} against a raw
 * {@code INCR}. Reads are measured twice: with a local tier that each value read fills (evicting
 * another, as a full tier does), and with no local tier ({@code localMaximumSize(0)}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RemoteBenchmark {
    private static final int KEYS = 1_000;
    private static final int BATCH = 100;
    private static final Supplier<String> NEVER = () -> {
        throw new IllegalStateException("a remote hit must not load");
    };
    private static final Function<java.util.Set<String>, Map<String, String>> NEVER_BULK = keys -> {
        throw new IllegalStateException("a remote hit must not load: " + keys);
    };

    private RedisBench redis;
    private CacheManager manager;
    private Cache<String> cache;
    private CacheManager noLocalTierManager;
    private Cache<String> noLocalTier;
    private byte[][] rawKeys;
    private String[] keys;
    private List<List<String>> batches;
    private byte[][][] rawBatches;
    private byte[] rawCounter;
    private byte[] rawChannel;
    private byte[] rawMessage;
    private int next;

    /** Writes 1,000 values through the cache and copies their bytes under raw keys. */
    @Setup
    public void setUp() {
        redis = new RedisBench();
        manager = CacheManager.builder().redis(redis.client).keyPrefix(redis.prefix).localMaximumSize(1).build();
        cache = manager.cache("pages", Codec.string());
        // A prefix of its own, so that its listener hears none of the other manager's bumps and writes.
        noLocalTierManager = CacheManager.builder().redis(redis.client).keyPrefix(redis.prefix + "no-local:")
                .localMaximumSize(0).build();
        noLocalTier = noLocalTierManager.cache("pages", Codec.string());
        keys = new String[KEYS];
        rawKeys = new byte[KEYS][];
        String page = "<html>" + "x".repeat(500) + "</html>";
        for (int i = 0; i < KEYS; i++) {
            keys[i] = "/posts/" + i;
            cache.put(keys[i], page);
            noLocalTier.put(keys[i], page);
            byte[] stored = redis.client.get((redis.prefix + "v:pages:" + keys[i]).getBytes(StandardCharsets.UTF_8));
            rawKeys[i] = (redis.prefix + "raw:" + i).getBytes(StandardCharsets.UTF_8);
            redis.client.set(rawKeys[i], stored);
        }
        batches = new ArrayList<>();
        rawBatches = new byte[KEYS / BATCH][][];
        for (int b = 0; b < KEYS / BATCH; b++) {
            batches.add(Arrays.asList(keys).subList(b * BATCH, (b + 1) * BATCH));
            rawBatches[b] = Arrays.copyOfRange(rawKeys, b * BATCH, (b + 1) * BATCH);
        }
        rawCounter = (redis.prefix + "raw-counter").getBytes(StandardCharsets.UTF_8);
        rawChannel = (redis.prefix + "invalidations").getBytes(StandardCharsets.UTF_8);
        rawMessage = "b 1 othernode raw-benchmark".getBytes(StandardCharsets.UTF_8);
    }

    /** Removes every key the benchmark wrote. */
    @TearDown
    public void tearDown() {
        manager.close();
        noLocalTierManager.close();
        redis.cleanUpAndClose();
    }

    private int nextIndex() {
        next = (next + 1) % KEYS;
        return next;
    }

    /** The floor of a remote hit: raw {@code GET}. */
    @Benchmark
    public byte[] rawJedisGet() {
        return redis.client.get(rawKeys[nextIndex()]);
    }

    /** A read the local tier cannot answer: one {@code MGET} of the value. */
    @Benchmark
    public String cacheManagerRemoteHit() {
        return cache.get(keys[nextIndex()], NEVER);
    }

    /** A remote hit without a local tier to fill: one {@code GET}. */
    @Benchmark
    public String cacheManagerRemoteHitNoLocalTier() {
        return noLocalTier.get(keys[nextIndex()], NEVER);
    }

    /** The floor of a bulk read: raw {@code MGET} of 100 keys. */
    @Benchmark
    public List<byte[]> rawJedisMget100() {
        return redis.client.mget(rawBatches[nextIndex() % rawBatches.length]);
    }

    /** {@code getAll} of 100 keys, all in Redis: one {@code MGET}. */
    @Benchmark
    public Map<String, String> cacheManagerGetAll100() {
        return cache.getAll(batches.get(nextIndex() % batches.size()), NEVER_BULK);
    }

    /** {@code getAll} of 100 keys without a local tier: one {@code MGET}, nothing filled. */
    @Benchmark
    public Map<String, String> cacheManagerGetAll100NoLocalTier() {
        return noLocalTier.getAll(batches.get(nextIndex() % batches.size()), NEVER_BULK);
    }

    /** The floor of an invalidation: raw {@code DEL}. */
    @Benchmark
    public long rawJedisDel() {
        return redis.client.del(rawKeys[nextIndex()]);
    }

    /**
     * {@code invalidate}: {@code DEL} and {@code PUBLISH} in one pipeline, so other nodes drop
     * their local copy. Keys are deleted once and then absent, for every contender alike.
     */
    @Benchmark
    public void cacheManagerInvalidate() {
        cache.invalidate(keys[nextIndex()]);
    }

    /** The floor of a bump: raw {@code INCR}. */
    @Benchmark
    public long rawJedisIncr() {
        return redis.client.incr(rawCounter);
    }

    /**
     * What a bump must do at least, in plain commands: {@code INCR} and {@code PUBLISH} pipelined
     * (one round trip) on the channel the manager listens on, so the manager's subscriber receives
     * and drops the message as it does its own bump's. Not a usable bump (the message cannot carry
     * the version the INCR returned), only the like-for-like floor.
     */
    @Benchmark
    public Object rawJedisIncrAndPublish() {
        try (redis.clients.jedis.AbstractPipeline pipeline = redis.client.pipelined()) {
            redis.clients.jedis.Response<Long> version = pipeline.incr(rawCounter);
            pipeline.publish(rawChannel, rawMessage);
            pipeline.sync();
            return version.get();
        }
    }

    /** {@code bump} of one namespace: one {@code EVALSHA} that increments and publishes. */
    @Benchmark
    public void cacheManagerBump() {
        manager.bump("post");
    }

}
