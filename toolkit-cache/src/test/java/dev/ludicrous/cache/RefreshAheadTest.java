package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefreshAheadTest {
    private final AtomicLong now = new AtomicLong();
    private final Ticker ticker = now::get;
    private final AtomicInteger loads = new AtomicInteger();

    private CacheManager.Builder builder() {
        // Refreshes run on the calling thread, so the test sees them finish before get returns.
        return CacheManager.builder().ticker(ticker).refreshExecutor(Runnable::run)
                .cache("pages", Duration.ofMinutes(1));
    }

    private String load() {
        return "v" + loads.incrementAndGet();
    }

    @Test
    void staleValueIsServedOnceWhileOneLoadReplacesIt() {
        Cache<String> pages = builder().staleWhileRevalidate("pages", Duration.ofMinutes(5)).build()
                .cache("pages", Codec.string());
        assertThat(pages.get("/", this::load)).isEqualTo("v1");
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(pages.get("/", this::load)).isEqualTo("v1");
        assertThat(loads).hasValue(1);

        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(pages.get("/", this::load)).isEqualTo("v1");
        assertThat(loads).hasValue(2);
        assertThat(pages.get("/", this::load)).isEqualTo("v2");
        assertThat(loads).hasValue(2);
    }

    @Test
    void withoutTheOptionAnExpiredEntryIsAMiss() {
        Cache<String> pages = builder().build().cache("pages", Codec.string());
        pages.get("/", this::load);
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(pages.get("/", this::load)).isEqualTo("v2");
    }

    @Test
    void pastTheStaleWindowTheEntryIsGone() {
        Cache<String> pages = builder().staleWhileRevalidate("pages", Duration.ofSeconds(10)).build()
                .cache("pages", Codec.string());
        pages.get("/", this::load);
        now.addAndGet(Duration.ofSeconds(71).toNanos());
        assertThat(pages.get("/", this::load)).isEqualTo("v2");
    }

    @Test
    void failingRefreshKeepsServingTheStaleValue() {
        Cache<String> pages = builder().staleWhileRevalidate("pages", Duration.ofMinutes(5)).build()
                .cache("pages", Codec.string());
        pages.get("/", this::load);
        now.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(pages.get("/", () -> {
            throw new IllegalStateException("database down");
        })).isEqualTo("v1");
        assertThat(pages.get("/", this::load)).isEqualTo("v1");
        assertThat(pages.get("/", this::load)).isEqualTo("v2");
    }

    @Test
    void earlyRefreshReloadsAnExpensiveEntryJustBeforeItsTtlButNotLongBefore() {
        Cache<String> pages = builder().earlyRefresh("pages", 1.0).build().cache("pages", Codec.string());
        pages.get("/", () -> {
            now.addAndGet(Duration.ofSeconds(1).toNanos()); // a loader that takes a second
            return load();
        });
        // 59 s before the end, a 1 s loader: the chance of refreshing is e^-59.
        assertThat(pages.get("/", this::load)).isEqualTo("v1");
        assertThat(loads).hasValue(1);

        // 1 ms before the end: refreshed unless the draw is above e^-0.001 (one in a thousand per read).
        now.addAndGet(Duration.ofSeconds(60).minusMillis(1).toNanos());
        for (int i = 0; i < 5 && loads.get() == 1; i++) {
            assertThat(pages.get("/", this::load)).isEqualTo("v1");
        }
        assertThat(loads).hasValue(2);
        assertThat(pages.get("/", this::load)).isEqualTo("v2");
    }

    @Test
    void bumpedEntryIsNeverServedStale() {
        CacheManager manager = builder().staleWhileRevalidate("pages", Duration.ofMinutes(5)).build();
        Cache<String> pages = manager.cache("pages", Codec.string()).dependingOn("post");
        pages.get("/", this::load);
        manager.bump("post");
        assertThat(pages.get("/", this::load)).isEqualTo("v2");
    }

    @Test
    void badRefreshSettingsFailAtBuild() {
        assertThatThrownBy(() -> CacheManager.builder().staleWhileRevalidate("pages", Duration.ZERO).build())
                .hasMessage("staleWhileRevalidate window of cache 'pages' must be a positive duration, but was PT0S");
        assertThatThrownBy(() -> CacheManager.builder().earlyRefresh("pages", Double.NaN).build())
                .hasMessage("earlyRefresh beta of cache 'pages' must be positive and finite, but was NaN");
    }
}
