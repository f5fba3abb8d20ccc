package dev.ludicrous.cache;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import redis.clients.jedis.UnifiedJedis;

/**
 * The entry point: named caches over a local tier (Caffeine, in this JVM) and, optionally, a
 * shared tier (Redis through a Jedis {@link UnifiedJedis}, such as a {@code RedisClient}), with
 * namespaces whose versions make dependent entries unreachable in O(1).
 *
 * <pre>{@code
 * CacheManager manager = CacheManager.builder()
 *         .redis(RedisClient.create("redis://127.0.0.1:6379"))
 *         .keyPrefix("blog:")
 *         .defaultTtl(Duration.ofMinutes(10))
 *         .build();
 * Cache<String> pages = manager.cache("pages", Codec.string());
 * String html = pages.dependingOn("post").get("/", () -> renderHome());
 * manager.bump("post");
 * }</pre>
 *
 * <p>Immutable once built and thread-safe. With Redis, one daemon thread listens for the bumps and
 * invalidations of other nodes; {@link #close()} stops it. When Redis fails, caches serve from the
 * local tier and the loaders, a circuit breaker stops calling Redis for a back-off period, and one
 * line is logged when the outage starts and one when it ends.
 */
public final class CacheManager implements AutoCloseable {
    private static final Pattern CACHE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Duration FIRST_SUBSCRIPTION_WAIT = Duration.ofSeconds(2);

    private final Stores stores;
    private final Engine engine;
    private final CircuitBreaker breaker;
    private final Invalidations invalidations;

    private CacheManager(Settings settings) {
        this.stores = new Stores(settings);
        String nodeId = nodeId();
        if (settings.redis() == null) {
            this.breaker = null;
            this.invalidations = null;
            this.engine = new Engine(settings.keyPrefix(), nodeId, settings.maxValueBytes(), 0, null, null,
                    new LocalVersions(settings.maximumNamespaces()));
            return;
        }
        SharedTier shared = SharedTier.start(settings, nodeId, stores, FIRST_SUBSCRIPTION_WAIT);
        this.engine = shared.engine();
        this.breaker = shared.breaker();
        this.invalidations = shared.invalidations();
    }

    /**
     * Returns a builder with the defaults: local tier of 10,000 entries per cache, TTL 10 minutes,
     * no Redis, key prefix {@code ludicrous:}, values up to 1 MiB, circuit breaker back-off from
     * 1 second up to 30 seconds.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the cache called {@code name}, creating it on first use with the TTL given to
     * {@link Builder#cache(String, Duration)} or the default TTL. Later calls with the same name
     * return a cache over the same entries.
     *
     * @param name letters, digits, {@code _ . -}, at most 64 characters
     * @param codec turns values into bytes for Redis; also used to measure and check their size
     * @param <V> the type of the values
     * @return the cache
     * @throws IllegalArgumentException when the name breaks the rule, or the cache exists with a
     *     codec of another id
     */
    public <V> Cache<V> cache(String name, Codec<V> codec) {
        checkCacheName(name);
        Objects.requireNonNull(codec, "codec must not be null");
        CodecIds.check(codec.id());
        Store<V> typed = stores.get(name, codec);
        return new DefaultCache<>(typed, engine, LocalEntry.NO_NAMESPACES);
    }

    /**
     * Makes every entry that depends on any of {@code namespaces} unreachable, on every node, in one
     * Redis round trip whatever the number of entries. When Redis is unavailable, this node stops
     * serving the dependents at once and the bump is sent when Redis answers again (up to 10,000
     * held back; more are logged and dropped).
     *
     * @param namespaces one or more namespaces, such as {@code post} and {@code post:42}
     * @throws IllegalArgumentException when no namespace is given or one is blank or too long
     */
    public void bump(String... namespaces) {
        engine.bump(Namespaces.check(namespaces));
    }

    /**
     * Returns the counts of one cache.
     *
     * @param name the name of a cache obtained from {@link #cache(String, Codec)}
     * @return its counts so far
     * @throws IllegalArgumentException when no cache has this name
     */
    public CacheStats stats(String name) {
        return stores.existing(name).counters.snapshot();
    }

    /**
     * Returns the names of the caches made so far.
     *
     * @return an unmodifiable snapshot of the names
     */
    public Set<String> cacheNames() {
        return stores.names();
    }

    /**
     * Returns how many namespaces were bumped, counting each namespace of a call.
     *
     * @return the count since the manager was built
     */
    public long bumps() {
        return engine.bumps.sum();
    }

    /**
     * Returns how many Redis calls failed.
     *
     * @return the count since the manager was built; 0 without Redis
     */
    public long redisErrors() {
        return breaker == null ? 0 : breaker.errors();
    }

    /**
     * Returns whether the circuit breaker is open, that is whether Redis is being left alone after
     * a failure.
     *
     * @return {@code true} during an outage; always {@code false} without Redis
     */
    public boolean redisCircuitOpen() {
        return breaker != null && breaker.isOpen();
    }

    /**
     * Stops listening for other nodes' invalidations. The {@link UnifiedJedis} given to the builder
     * is not closed: it belongs to the caller.
     */
    @Override
    public void close() {
        if (invalidations != null) {
            invalidations.close();
        }
    }

    boolean subscribed() {
        return engine.mirror != null && engine.mirror.isSubscribed();
    }

    static void checkCacheName(String name) {
        if (name == null || !CACHE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("cache name must be 1 to 64 letters, digits, '_', '.' or '-', but was "
                    + (name == null ? "null" : "'" + name + "'"));
        }
    }

    private static String nodeId() {
        SecureRandom random = new SecureRandom();
        return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }

    /**
     * Collects the settings of a {@link CacheManager}. Not thread-safe; {@link #build()} checks
     * every setting and copies them, so a builder can be reused.
     */
    public static final class Builder {
        long localMaximumSize = 10_000;
        long localMaximumBytes;
        boolean boundedByBytes;
        Duration defaultTtl = Duration.ofMinutes(10);
        Map<String, Duration> ttls = new LinkedHashMap<>();
        UnifiedJedis redis;
        String keyPrefix = "ludicrous:";
        int maxValueBytes = 1 << 20;
        Duration initialBackoff = Duration.ofSeconds(1);
        Duration maximumBackoff = Duration.ofSeconds(30);
        long maximumNamespaces = 100_000;
        boolean recordStats;
        Duration loadLease = Duration.ZERO;
        Map<String, Duration> staleWindows = new LinkedHashMap<>();
        Map<String, Double> betas = new LinkedHashMap<>();
        Set<String> noLocalTier = new LinkedHashSet<>();
        java.util.concurrent.Executor refreshExecutor = java.util.concurrent.ForkJoinPool.commonPool();
        com.github.benmanes.caffeine.cache.Ticker ticker = com.github.benmanes.caffeine.cache.Ticker.systemTicker();
        Duration serveLocalDuringOutage = Duration.ZERO;

        private Builder() {
        }

        /**
         * Makes concurrent misses of one key load once across nodes, not only within each: the
         * first node to miss takes a lease in Redis ({@code SET NX PX}, one more round trip on a
         * miss) and loads; the others poll Redis for its value for up to {@code lease}, then load
         * themselves (so a crashed or slow loader delays them by at most that). Off by default.
         *
         * @param lease how long the others wait, positive and at most a minute; should exceed a
         *     typical load
         * @return this builder
         */
        public Builder loadLease(Duration lease) {
            this.loadLease = lease;
            return this;
        }

        /**
         * Lets the cache called {@code name} serve an entry for up to {@code window} past its TTL
         * while one background load (on {@link #refreshExecutor}) replaces it, so that readers of a
         * hot key never wait for its loader. Applies to the local tier and to TTL expiry only: a
         * bumped entry is never served. Only {@link Cache#get} refreshes (it has the loader).
         *
         * @param name a cache name
         * @param window how long past the TTL a value may be served, positive
         * @return this builder
         */
        public Builder staleWhileRevalidate(String name, Duration window) {
            checkCacheName(name);
            staleWindows.put(name, window);
            return this;
        }

        /**
         * Lets the cache called {@code name} refresh an entry in the background a little before its
         * TTL ends, with a probability that grows as the end nears and with how long its loader
         * took (XFetch), so that a hot key's expiry does not send every reader to the loader at once.
         *
         * @param name a cache name
         * @param beta how eager: 1.0 is the usual choice; larger refreshes earlier; positive and finite
         * @return this builder
         */
        public Builder earlyRefresh(String name, double beta) {
            checkCacheName(name);
            betas.put(name, beta);
            return this;
        }

        /**
         * Sets where background refreshes run (default: the common fork-join pool, as Caffeine's
         * refreshes). Give a dedicated executor when loaders block on I/O.
         *
         * @param executor the executor, not {@code null}
         * @return this builder
         */
        public Builder refreshExecutor(java.util.concurrent.Executor executor) {
            this.refreshExecutor = executor;
            return this;
        }

        // For tests: the clock of TTLs and refreshes.
        Builder ticker(com.github.benmanes.caffeine.cache.Ticker ticker) {
            this.ticker = ticker;
            return this;
        }

        /**
         * Counts local hits too, for {@link CacheManager#stats(String)} and the Micrometer binder.
         * Off by default, as in Caffeine: on a local hit the counter costs about as much as the
         * lookup. Misses, remote reads, loads and evictions are always counted.
         *
         * @return this builder
         */
        public Builder recordStats() {
            this.recordStats = true;
            return this;
        }

        /**
         * Bounds each cache's local tier by a number of entries (default 10,000); the least
         * valuable entries are evicted when it is full. Replaces {@link #localMaximumBytes}.
         *
         * <p>0 turns the local tier off, as in Spring's {@code RedisCacheManager}: every read is
         * one round trip to Redis, and no node ever serves a value that another node has just
         * replaced or bumped, not even while the invalidation message is on its way. Needs
         * {@link #redis}; refuses {@link #staleWhileRevalidate}, {@link #earlyRefresh} and
         * {@link #serveLocalDuringOutage}, which serve from the local tier. Every read then counts
         * as a local miss in {@link CacheStats}. {@link #noLocalTier} does the same for one cache.
         *
         * @param entries the bound, at least 1, or 0 for no local tier
         * @return this builder
         */
        public Builder localMaximumSize(long entries) {
            this.localMaximumSize = entries;
            this.boundedByBytes = false;
            return this;
        }

        /**
         * Bounds each cache's local tier by the encoded size of its values instead of their number.
         *
         * @param bytes the bound, at least 1
         * @return this builder
         */
        public Builder localMaximumBytes(long bytes) {
            this.localMaximumBytes = bytes;
            this.boundedByBytes = true;
            return this;
        }

        /**
         * Sets how long an entry lives in both tiers, for caches without a TTL of their own.
         *
         * @param ttl a positive duration (default 10 minutes)
         * @return this builder
         */
        public Builder defaultTtl(Duration ttl) {
            this.defaultTtl = ttl;
            return this;
        }

        /**
         * Keeps no local tier for the cache called {@code name}, as {@link #localMaximumSize} 0 does
         * for every cache: each read of it is one round trip to Redis, and no node serves a value of
         * it that another node has just replaced or bumped. The other caches keep theirs. Needs
         * {@link #redis}; refuses {@link #staleWhileRevalidate} and {@link #earlyRefresh} for the
         * same cache, which serve from its local tier.
         *
         * @param name a cache name, as in {@link CacheManager#cache(String, Codec)}
         * @return this builder
         */
        public Builder noLocalTier(String name) {
            checkCacheName(name);
            noLocalTier.add(name);
            return this;
        }

        /**
         * Gives the cache called {@code name} its own TTL.
         *
         * @param name a cache name, as in {@link CacheManager#cache(String, Codec)}
         * @param ttl a positive duration
         * @return this builder
         */
        public Builder cache(String name, Duration ttl) {
            checkCacheName(name);
            ttls.put(name, ttl);
            return this;
        }

        /**
         * Adds the shared tier. The client is used as it is (pool, timeouts, TLS are the caller's)
         * and is not closed by {@link CacheManager#close()}. A standalone {@code RedisClient} is the
         * usual choice; with a cluster, put a hash tag in the key prefix (e.g. {@code "{blog}:"})
         * so that a value and its namespace counters share a slot.
         *
         * @param client the client; {@code null} removes the shared tier
         * @return this builder
         */
        public Builder redis(UnifiedJedis client) {
            this.redis = client;
            return this;
        }

        /**
         * Sets the prefix of every Redis key and of the invalidation channel, so that several apps
         * (or tests) share one Redis without meeting.
         *
         * @param prefix 1 to 128 characters without whitespace (default {@code ludicrous:})
         * @return this builder
         */
        public Builder keyPrefix(String prefix) {
            this.keyPrefix = prefix;
            return this;
        }

        /**
         * Refuses values whose encoded size is larger: {@link Cache#put} throws, a loaded value is
         * returned without being cached.
         *
         * @param bytes from 1 to 512 MiB (default 1 MiB)
         * @return this builder
         */
        public Builder maxValueBytes(int bytes) {
            this.maxValueBytes = bytes;
            return this;
        }

        /**
         * Sets how long Redis is left alone after a failure, doubling while retries fail.
         *
         * @param initial the first pause, positive (default 1 second)
         * @param maximum the longest pause, not shorter than {@code initial} (default 30 seconds)
         * @return this builder
         */
        public Builder circuitBreakerBackoff(Duration initial, Duration maximum) {
            this.initialBackoff = initial;
            this.maximumBackoff = maximum;
            return this;
        }

        /**
         * Keeps serving versioned entries from the local tier for up to {@code upTo} after the
         * invalidation subscription to Redis is lost, instead of treating them as stale at once.
         * Off by default ({@link Duration#ZERO}): during an outage no node can announce bumps, so
         * by default this node reads versioned entries from Redis or, when Redis is down, runs the
         * loader every time and caches nothing.
         *
         * <p>What a non-zero value trades: for up to {@code upTo} from the loss, this node may serve
         * entries that another node's bump has made stale (bumps by this node still apply here at
         * once), and values loaded meanwhile are kept locally under the versions it knew. After
         * {@code upTo}, versioned entries are stale until the subscription is back; when it is, the
         * local tier is emptied, so nothing missed outlives the outage. Unversioned entries are
         * served up to their TTL either way.
         *
         * @param upTo from 0 (off) to 1 hour; choose it as the staleness your pages can bear
         * @return this builder
         */
        public Builder serveLocalDuringOutage(Duration upTo) {
            this.serveLocalDuringOutage = upTo;
            return this;
        }

        /**
         * Bounds how many namespace versions a node keeps in memory; a namespace that falls out is
         * read from Redis again (or, without Redis, makes its dependents stale).
         *
         * @param namespaces the bound, at least 1 (default 100,000)
         * @return this builder
         */
        public Builder maximumNamespaces(long namespaces) {
            this.maximumNamespaces = namespaces;
            return this;
        }

        /**
         * Checks the settings and builds the manager. With Redis, waits up to two seconds for the
         * first attempt to subscribe to invalidations.
         *
         * @return a new manager
         * @throws IllegalArgumentException naming the first setting that breaks its rule
         */
        public CacheManager build() {
            return new CacheManager(Settings.of(this));
        }
    }
}
