package dev.ludicrous.benchmarks.blog;

import java.util.Map;

/**
 * A blog started with one set of settings: which database, which cache tier, how the profiler
 * runs. {@code settings} are the blog's own keys ({@code db.url}, {@code redis.url}, ...).
 */
record Instance(String name, String database, String cacheTier, String profiler, Map<String, String> settings) {
    /** The seeder's default post count (the blog's {@code seed.posts}). */
    static final int DEFAULT_POSTS = 5_000;

    Instance {
        settings = Map.copyOf(settings);
    }

    /** How many posts the seeder creates, so that post-page requests ask only for posts that exist. */
    int posts() {
        try {
            return Integer.parseInt(settings.getOrDefault("seed.posts", Integer.toString(DEFAULT_POSTS)));
        } catch (NumberFormatException e) {
            return DEFAULT_POSTS; // the blog itself rejects it at start
        }
    }
}
