package dev.ludicrous.cache.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.cache.Cache;
import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.Codec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CacheMeterBinderTest {
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final CacheManager manager = CacheManager.builder().recordStats().build();

    @Test
    void getsLoadsAndBumpsAreMeteredPerCacheTierAndResult() {
        Cache<String> existing = manager.cache("pages", Codec.string());
        new CacheMeterBinder(manager, "later").bindTo(registry);
        existing.get("a", () -> "A");
        existing.get("a", () -> "A");
        assertThatThrownBy(() -> existing.get("b", () -> {
            throw new IllegalStateException("boom");
        }));
        manager.cache("later", Codec.string()).get("x", () -> "X");
        manager.bump("post", "comment");

        assertThat(count("ludicrous.cache.gets", "pages", "local", "hit")).isEqualTo(1);
        assertThat(count("ludicrous.cache.gets", "pages", "local", "miss")).isEqualTo(2);
        assertThat(registry.get("ludicrous.cache.loads").tags("cache", "pages", "result", "success").functionCounter()
                .count()).isEqualTo(1);
        assertThat(registry.get("ludicrous.cache.loads").tags("cache", "pages", "result", "failure").functionCounter()
                .count()).isEqualTo(1);
        assertThat(registry.get("ludicrous.cache.load").tags("cache", "pages").functionTimer().count()).isEqualTo(2);
        assertThat(registry.get("ludicrous.cache.load").tags("cache", "pages").functionTimer()
                .totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(count("ludicrous.cache.gets", "later", "local", "miss")).isEqualTo(1);
        assertThat(registry.get("ludicrous.cache.bumps").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("ludicrous.cache.redis.circuit.open").gauge().value()).isZero();
        assertThat(registry.get("ludicrous.cache.redis.errors").functionCounter().count()).isZero();
    }

    @Test
    void guideExampleBindsNamedCaches() {
        // snippet: micrometer
        new CacheMeterBinder(manager, "pages", "queries").bindTo(registry);
        // end-snippet
        assertThat(registry.find("ludicrous.cache.gets").tag("cache", "queries").functionCounters()).hasSize(4);
    }

    private double count(String name, String cache, String tier, String result) {
        return registry.get(name).tags("cache", cache, "tier", tier, "result", result).functionCounter().count();
    }
}
