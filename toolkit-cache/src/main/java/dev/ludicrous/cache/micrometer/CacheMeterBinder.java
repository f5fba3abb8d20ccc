package dev.ludicrous.cache.micrometer;

import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.CacheStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a {@link CacheManager}'s counts as Micrometer meters:
 * <ul>
 * <li>{@code ludicrous.cache.gets{cache, tier=local|remote, result=hit|miss}}</li>
 * <li>{@code ludicrous.cache.loads{cache, result=success|failure}}</li>
 * <li>{@code ludicrous.cache.load} (a timer: count and total time of loader calls){@code {cache}}</li>
 * <li>{@code ludicrous.cache.evictions{cache}}</li>
 * <li>{@code ludicrous.cache.bumps}, {@code ludicrous.cache.redis.errors},
 * {@code ludicrous.cache.redis.circuit.open} (1 during an outage, else 0)</li>
 * </ul>
 * Meters read the manager's counters when scraped; counting costs nothing extra on the hot path.
 *
 * <pre>{@code
 * new CacheMeterBinder(manager, "pages", "queries").bindTo(registry);
 * }</pre>
 *
 * <p>Caches are bound when they exist at {@link #bindTo} or are named to the constructor (a named
 * cache reads as zero until it is first used); a cache created later under another name is not.
 */
public final class CacheMeterBinder implements MeterBinder {
    private static final CacheStats ZERO = new CacheStats(0, 0, 0, 0, 0, 0, 0, 0);

    private final CacheManager manager;
    private final List<String> cacheNames;

    /**
     * Creates a binder.
     *
     * @param manager the manager to observe
     * @param cacheNames caches to bind even if they are created after {@link #bindTo}
     */
    public CacheMeterBinder(CacheManager manager, String... cacheNames) {
        this.manager = manager;
        this.cacheNames = List.of(cacheNames);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Set<String> names = new LinkedHashSet<>(cacheNames);
        names.addAll(manager.cacheNames());
        for (String name : names) {
            gets(registry, name, "local", "hit", CacheStats::localHits);
            gets(registry, name, "local", "miss", CacheStats::localMisses);
            gets(registry, name, "remote", "hit", CacheStats::remoteHits);
            gets(registry, name, "remote", "miss", CacheStats::remoteMisses);
            FunctionCounter.builder("ludicrous.cache.loads", manager, m -> stats(m, name).loads())
                    .tags("cache", name, "result", "success").description("Loader calls that returned a value")
                    .register(registry);
            FunctionCounter.builder("ludicrous.cache.loads", manager, m -> stats(m, name).loadFailures())
                    .tags("cache", name, "result", "failure").description("Loader calls that threw")
                    .register(registry);
            FunctionTimer.builder("ludicrous.cache.load", manager,
                            m -> stats(m, name).loads() + stats(m, name).loadFailures(),
                            m -> stats(m, name).loadNanos(), TimeUnit.NANOSECONDS)
                    .tags("cache", name).description("Time spent in loaders").register(registry);
            FunctionCounter.builder("ludicrous.cache.evictions", manager, m -> stats(m, name).evictions())
                    .tags("cache", name).description("Local entries removed for size or age").register(registry);
        }
        FunctionCounter.builder("ludicrous.cache.bumps", manager, CacheManager::bumps)
                .description("Namespaces bumped").register(registry);
        FunctionCounter.builder("ludicrous.cache.redis.errors", manager, CacheManager::redisErrors)
                .description("Redis calls that failed").register(registry);
        Gauge.builder("ludicrous.cache.redis.circuit.open", manager, m -> m.redisCircuitOpen() ? 1 : 0)
                .description("1 while the circuit breaker keeps Redis out of use after a failure, else 0")
                .register(registry);
    }

    private void gets(MeterRegistry registry, String name, String tier, String result,
            ToDoubleFunction<CacheStats> count) {
        FunctionCounter.builder("ludicrous.cache.gets", manager, m -> count.applyAsDouble(stats(m, name)))
                .tags("cache", name, "tier", tier, "result", result)
                .description("Reads by tier and result").register(registry);
    }

    private static CacheStats stats(CacheManager manager, String name) {
        return manager.cacheNames().contains(name) ? manager.stats(name) : ZERO;
    }
}
