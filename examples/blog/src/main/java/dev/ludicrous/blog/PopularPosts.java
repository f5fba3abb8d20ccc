package dev.ludicrous.blog;

import dev.ludicrous.blog.Views.PostCard;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The "popular posts" box: computed off the request path (by a recurring task once toolkit-tasks
 * is wired, see {@link BackgroundTasks}) and read by pages at no cost.
 */
final class PopularPosts {
    static final int SIZE = 5;

    private final BlogService service;
    private final AtomicReference<List<PostCard>> current = new AtomicReference<>(List.of());

    PopularPosts(BlogService service) {
        this.service = service;
    }

    List<PostCard> current() {
        return current.get();
    }

    /** Recomputes the box from the denormalised comment counters. */
    void refresh() {
        current.set(service.popular(SIZE));
    }
}
