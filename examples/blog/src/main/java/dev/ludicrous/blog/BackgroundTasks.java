package dev.ludicrous.blog;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where toolkit-tasks meets the blog: after a comment, notify the post's author through the
 * webhook and recount the post's comments; every minute, refresh the popular posts.
 * Until toolkit-tasks is wired in, the recount runs in the request and the webhook is not called.
 */
final class BackgroundTasks implements CommentListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

    private final BlogService service;
    private final PopularPosts popular;

    BackgroundTasks(BlogConfig config, BlogService service, PopularPosts popular) {
        this.service = service;
        this.popular = popular;
    }

    void start() {
        popular.refresh();
    }

    @Override
    public void commentPosted(long postId, long commentId) {
        try {
            service.recount(postId);
        } catch (RuntimeException e) {
            LOG.warn("Recounting the comments of post {} failed: {}", postId, e.toString());
        }
    }

    @Override
    public void close() {
    }
}
