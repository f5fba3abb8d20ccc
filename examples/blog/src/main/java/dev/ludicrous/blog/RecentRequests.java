package dev.ludicrous.blog;

import dev.ludicrous.query.web.QueryInspectorFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last {@value #SIZE} requests, for the developer page: path, status, time, and what the
 * toolkit filters inside it left in the request attributes (query count and time). Runs outside
 * them, so it reads the attributes after they are set. Developer pages are not listed.
 */
final class RecentRequests extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final int SIZE = 100;

    /** One finished request. */
    record Entry(String method, String path, int status, String millis, Long queries, String queryMillis, String profile) {
    }

    private final transient Deque<Entry> entries = new ArrayDeque<>(SIZE);

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        long started = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            String path = request.getRequestURI();
            if (!path.startsWith("/_ludicrous/")) {
                add(new Entry(request.getMethod(), path, response.getStatus(), millis(System.nanoTime() - started),
                        request.getAttribute(QueryInspectorFilter.COUNT_ATTRIBUTE) instanceof Long count ? count : null,
                        request.getAttribute(QueryInspectorFilter.TIME_ATTRIBUTE) instanceof Duration time
                                ? millis(time.toNanos()) : null,
                        Profiling.profileLink(response)));
            }
        }
    }

    private static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private synchronized void add(Entry entry) {
        if (entries.size() == SIZE) {
            entries.removeLast();
        }
        entries.addFirst(entry);
    }

    /** Newest first. */
    synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }
}
