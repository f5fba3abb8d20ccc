package dev.ludicrous.benchmarks.blog;

import java.util.Map;

/**
 * A blog started with one set of settings: which database, which cache tier, how the profiler
 * runs. {@code settings} are the blog's own keys ({@code db.url}, {@code redis.url}, ...).
 */
record Instance(String name, String database, String cacheTier, String profiler, Map<String, String> settings) {
    Instance {
        settings = Map.copyOf(settings);
    }
}
