package dev.ludicrous.blog;

import java.util.function.Supplier;

/**
 * Where toolkit-cache meets the blog: the cached homepage and the bumps after a comment.
 * Until toolkit-cache is wired in, the cached mode renders like the optimized one.
 */
final class Caching implements CommentListener, AutoCloseable {
    static final String HOMEPAGE = "homepage";

    Caching(BlogConfig config) {
    }

    /** The homepage from the cache, rendering it with {@code render} on a miss. */
    String homepage(Supplier<String> render) {
        return render.get();
    }

    @Override
    public void commentPosted(long postId, long commentId) {
        // toolkit-cache: bump "Post:<id>" and the homepage namespace
    }

    @Override
    public void close() {
    }
}
