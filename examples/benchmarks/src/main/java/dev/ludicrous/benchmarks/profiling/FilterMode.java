package dev.ludicrous.benchmarks.profiling;

import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.Sampler;
import dev.ludicrous.profiling.web.ProfilingFilter;
import jakarta.servlet.Filter;
import java.time.Duration;
import java.util.Locale;

/**
 * The filter set-ups that the throughput benchmarks compare, built the same way in each: the
 * sampler at 10 ms and a default store.
 */
enum FilterMode {
    /** No filter at all. */
    OFF,
    /** {@link NoopFilter}: what any filter costs in Jetty's chain. */
    NOOP,
    /** The profiling filter with only a trigger secret that no request carries; the sampler stays parked. */
    IDLE,
    /** {@code sample(0.01, 20 ms)}: 1 % of requests profiled at 20 ms. */
    SAMPLE,
    /** {@code slow(100 ms)}: every request watched, none as slow as the threshold, so none sampled. */
    SLOW,
    /** Every request carries the trigger secret: sampled at 10 ms and stored. */
    TRIGGER;

    static final String SECRET = "benchmark-trigger-secret-0123";

    /** The lower-case name used on command lines and in paths. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a request in this mode carries the trigger header. */
    boolean sendsTrigger() {
        return this == TRIGGER;
    }

    /** The filter to install, or null for {@link #OFF}. */
    Filter filter() {
        if (this == OFF) {
            return null;
        }
        if (this == NOOP) {
            return new NoopFilter();
        }
        ProfilingFilter.Builder builder = ProfilingFilter.builder()
                .sampler(Sampler.builder().interval(Duration.ofMillis(10)).build())
                .store(ProfileStore.builder().build());
        switch (this) {
            case SAMPLE -> builder.sample(0.01, Duration.ofMillis(20));
            case SLOW -> builder.slow(Duration.ofMillis(100));
            case IDLE, TRIGGER -> builder.trigger(SECRET);
            default -> throw new IllegalStateException("unhandled mode " + this);
        }
        return builder.build();
    }

    static FilterMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be one of off, noop, idle, sample, slow, trigger, but was " + text);
        }
    }
}
