package dev.ludicrous.blog;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Where toolkit-profiling meets the blog: the profiling filter (trigger and slow modes) and its
 * viewer under {@code /_ludicrous/profiles}.
 */
final class Profiling implements AutoCloseable {
    Profiling(BlogConfig config) {
    }

    void install(ServletContextHandler context) {
    }

    /** The link to the request's profile, when it was profiled; null otherwise. */
    static String profileLink(jakarta.servlet.http.HttpServletRequest request) {
        return null;
    }

    @Override
    public void close() {
    }
}
