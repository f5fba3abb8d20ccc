package dev.ludicrous.blog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludicrous.blog.Views.PostDetail;
import dev.ludicrous.cache.Cache;
import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.CacheStats;
import dev.ludicrous.cache.Codec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * Where toolkit-cache meets the blog. The cached homepage is the optimized page's HTML, stored
 * under the {@value #HOMEPAGE} namespace; a post's data (what its page and its API answer show)
 * is stored under {@code Post:<id>}. Posting a comment bumps both, so the next view of either is
 * rendered afresh, on every node. With {@code redis.url} set, entries are shared through Redis;
 * otherwise the local tier (Caffeine) is the whole cache.
 */
final class Caching implements CommentListener, AutoCloseable {
    static final String HOMEPAGE = "homepage";
    static final String PAGES = "pages";
    static final String POSTS = "posts";
    private static final Logger LOG = LoggerFactory.getLogger(Caching.class);

    private final RedisClient redis;
    private final CacheManager manager;
    private final Cache<String> homepage;
    private final Cache<PostDetail> posts;

    /** With {@code redis} null, the local tier is the whole cache; the client stays the caller's to close. */
    Caching(BlogConfig config, RedisClient redis, ObjectMapper json) {
        CacheManager.Builder builder = CacheManager.builder()
                .localMaximumSize(10_000)
                .recordStats() // the developer page shows local hits and misses
                .defaultTtl(Duration.ofMinutes(10))
                .cache(PAGES, Duration.ofMinutes(5));
        this.redis = redis;
        if (redis != null) {
            builder.redis(redis).keyPrefix(config.redisPrefix);
        }
        manager = builder.build();
        // snippet: blog-cache-homepage
        homepage = manager.cache(PAGES, Codec.string()).dependingOn(HOMEPAGE);
        // end-snippet
        posts = manager.cache(POSTS, Codec.of("post-detail-json", value -> write(json, value), bytes -> read(json, bytes)));
    }

    static String post(long id) {
        return "Post:" + id;
    }

    /** The homepage from the cache, rendering it with {@code render} on a miss. */
    String homepage(Supplier<String> render) {
        return homepage.get("home", render::get);
    }

    /** A post's data from the cache, loading it on a miss; a missing post is not cached. */
    Optional<PostDetail> post(long id, Supplier<Optional<PostDetail>> load) {
        try {
            return Optional.of(posts.dependingOn(post(id)).get(Long.toString(id),
                    () -> load.get().orElseThrow(NoSuchPost::new)));
        } catch (NoSuchPost e) {
            return Optional.empty();
        }
    }

    /** Bumps {@code Post:<id>} and the homepage: both show the new comment at their next view. */
    @Override
    public void commentPosted(long postId, long commentId) {
        try {
            // snippet: blog-cache-bump
            manager.bump(post(postId), HOMEPAGE);
            // end-snippet
        } catch (RuntimeException e) {
            // The comment is stored; a failed bump must not turn that into an error page.
            LOG.warn("Bumping {} and {} after comment {} failed: {}", post(postId), HOMEPAGE, commentId, e.toString());
        }
    }

    /** Hit and miss counts per cache, for the developer page. */
    Map<String, Object> stats() {
        Map<String, Object> stats = new LinkedHashMap<>();
        for (String name : new String[] {PAGES, POSTS}) {
            CacheStats s = manager.stats(name);
            stats.put(name + ": local hits / misses", s.localHits() + " / " + s.localMisses());
            stats.put(name + ": remote hits / misses", s.remoteHits() + " / " + s.remoteMisses());
            stats.put(name + ": loads", s.loads());
        }
        stats.put("bumps", manager.bumps());
        stats.put("redis", redis == null ? "not configured (local tier only)" : "shared tier on");
        return stats;
    }

    @Override
    public void close() {
        manager.close();
    }

    private static byte[] write(ObjectMapper json, PostDetail value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PostDetail read(ObjectMapper json, byte[] bytes) {
        try {
            return json.readValue(bytes, PostDetail.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thrown by a loader so that a missing post is not cached. */
    private static final class NoSuchPost extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NoSuchPost() {
            super(null, null, false, false);
        }
    }
}
