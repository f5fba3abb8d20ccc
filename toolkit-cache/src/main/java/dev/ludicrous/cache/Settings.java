package dev.ludicrous.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import redis.clients.jedis.UnifiedJedis;

/** The checked, immutable settings of one {@link CacheManager}: what its builder held at {@code build()}. */
record Settings(long localMaximumSize, long localMaximumBytes, boolean boundedByBytes, Duration defaultTtl,
        Map<String, Duration> ttls, UnifiedJedis redis, String keyPrefix, int maxValueBytes, Duration initialBackoff,
        Duration maximumBackoff, long maximumNamespaces, boolean recordStats, Duration loadLease,
        Map<String, Duration> staleWindows, Map<String, Double> betas, Executor refreshExecutor, Ticker ticker,
        Duration serveLocalDuringOutage, Set<String> noLocalTier) {

    static final Duration MAX_OUTAGE_GRACE = Duration.ofHours(1);

    /**
     * Whether caches keep values in the JVM: false with {@code localMaximumSize(0)}; true when only
     * some caches are named in {@code noLocalTier}, as the others still do.
     */
    boolean localTier() {
        return boundedByBytes || localMaximumSize > 0;
    }

    /**
     * Checks every setting of a builder and copies them.
     *
     * @throws IllegalArgumentException naming the first setting that breaks its rule
     */
    static Settings of(CacheManager.Builder b) {
        check(b);
        return new Settings(b.localMaximumSize, b.localMaximumBytes, b.boundedByBytes, b.defaultTtl, Map.copyOf(b.ttls),
                b.redis, b.keyPrefix, b.maxValueBytes, b.initialBackoff, b.maximumBackoff, b.maximumNamespaces,
                b.recordStats, b.loadLease, Map.copyOf(b.staleWindows), Map.copyOf(b.betas), b.refreshExecutor,
                b.ticker, b.serveLocalDuringOutage, Set.copyOf(b.noLocalTier));
    }

    private static void check(CacheManager.Builder b) {
        if (!b.boundedByBytes && b.localMaximumSize < 0) {
            throw new IllegalArgumentException("localMaximumSize must be at least 0 (no local tier), but was "
                    + b.localMaximumSize);
        }
        if (b.boundedByBytes && b.localMaximumBytes < 1) {
            throw new IllegalArgumentException("localMaximumBytes must be at least 1 (localMaximumSize 0 turns the local "
                    + "tier off), but was " + b.localMaximumBytes);
        }
        checkPositive("defaultTtl", b.defaultTtl);
        b.ttls.forEach((name, ttl) -> checkPositive("ttl of cache '" + name + "'", ttl));
        if (b.keyPrefix == null || b.keyPrefix.isEmpty() || b.keyPrefix.length() > 128
                || b.keyPrefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("keyPrefix must be 1 to 128 characters without whitespace, but was "
                    + (b.keyPrefix == null ? "null" : "'" + b.keyPrefix + "'"));
        }
        if (b.maxValueBytes < 1 || b.maxValueBytes > 512 * 1024 * 1024) {
            throw new IllegalArgumentException("maxValueBytes must be between 1 and 536870912 (Redis's limit), but was "
                    + b.maxValueBytes);
        }
        checkPositive("circuitBreakerBackoff initial", b.initialBackoff);
        checkPositive("circuitBreakerBackoff maximum", b.maximumBackoff);
        if (b.maximumBackoff.compareTo(b.initialBackoff) < 0) {
            throw new IllegalArgumentException("circuitBreakerBackoff maximum must not be shorter than the initial "
                    + b.initialBackoff + ", but was " + b.maximumBackoff);
        }
        b.staleWindows.forEach((name, window) -> checkPositive("staleWhileRevalidate window of cache '" + name + "'",
                window));
        b.betas.forEach((name, beta) -> {
            if (!(beta > 0) || beta.isInfinite()) {
                throw new IllegalArgumentException("earlyRefresh beta of cache '" + name
                        + "' must be positive and finite, but was " + beta);
            }
        });
        Objects.requireNonNull(b.refreshExecutor, "refreshExecutor must not be null");
        if (b.loadLease == null || b.loadLease.isNegative() || b.loadLease.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("loadLease must be between 0 (off) and PT1M, but was " + b.loadLease);
        }
        if (b.serveLocalDuringOutage == null || b.serveLocalDuringOutage.isNegative()
                || b.serveLocalDuringOutage.compareTo(MAX_OUTAGE_GRACE) > 0) {
            throw new IllegalArgumentException("serveLocalDuringOutage must be between 0 (off) and " + MAX_OUTAGE_GRACE
                    + ", but was " + b.serveLocalDuringOutage);
        }
        if (!b.boundedByBytes && b.localMaximumSize == 0) {
            checkTierOffSettings(b);
        }
        for (String name : b.noLocalTier) {
            checkNoLocalTier(b, name);
        }
        if (b.maximumNamespaces < 1) {
            throw new IllegalArgumentException("maximumNamespaces must be at least 1, but was " + b.maximumNamespaces);
        }
    }

    /** Without a local tier, the settings that need one are mistakes, not no-ops. */
    private static void checkTierOffSettings(CacheManager.Builder b) {
        String off = "localMaximumSize 0 turns the local tier off, ";
        if (b.redis == null) {
            throw new IllegalArgumentException(off + "so it needs redis(...) to cache anything; without Redis, "
                    + "set localMaximumSize to at least 1");
        }
        if (!b.staleWindows.isEmpty()) {
            throw new IllegalArgumentException(off + "but staleWhileRevalidate serves stale values from it; "
                    + "caches with a window: " + b.staleWindows.keySet());
        }
        if (!b.betas.isEmpty()) {
            throw new IllegalArgumentException(off + "but earlyRefresh refreshes the values it holds; "
                    + "caches with a beta: " + b.betas.keySet());
        }
        if (!b.serveLocalDuringOutage.isZero()) {
            throw new IllegalArgumentException(off + "but serveLocalDuringOutage serves values from it, and was "
                    + b.serveLocalDuringOutage);
        }
    }

    private static void checkNoLocalTier(CacheManager.Builder b, String name) {
        String off = "noLocalTier of cache '" + name + "' ";
        if (b.redis == null) {
            throw new IllegalArgumentException(off + "needs redis(...): without Redis that cache would cache nothing");
        }
        if (b.staleWindows.containsKey(name)) {
            throw new IllegalArgumentException(off + "conflicts with its staleWhileRevalidate window "
                    + b.staleWindows.get(name) + ", which serves stale values from the local tier");
        }
        if (b.betas.containsKey(name)) {
            throw new IllegalArgumentException(off + "conflicts with its earlyRefresh beta " + b.betas.get(name)
                    + ", which refreshes the values the local tier holds");
        }
    }

    private static void checkPositive(String setting, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(setting + " must be a positive duration, but was " + value);
        }
    }
}
