package dev.ludicrous.blog;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * {@code /_ludicrous/}: the developer index: the recent requests with their query counts and
 * profiles, what each wired module shows, and Hibernate's counters.
 */
final class DevServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Pages pages;
    private final transient SessionFactory sessionFactory;
    private final transient List<Map<String, String>> tools;
    private final transient RecentRequests recent;
    private final transient Caching caching;
    private final transient BackgroundTasks tasks;

    DevServlet(Pages pages, SessionFactory sessionFactory, List<Map<String, String>> tools, RecentRequests recent,
            Caching caching, BackgroundTasks tasks) {
        this.caching = caching;
        this.tasks = tasks;
        this.pages = pages;
        this.recent = recent;
        this.sessionFactory = sessionFactory;
        this.tools = tools;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path != null && !path.equals("/")) {
            pages.notFound(response);
            return;
        }
        Statistics stats = sessionFactory.getStatistics();
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("statements prepared", stats.getPrepareStatementCount());
        counters.put("queries executed", stats.getQueryExecutionCount());
        counters.put("entities loaded", stats.getEntityLoadCount());
        counters.put("entities fetched lazily", stats.getEntityFetchCount());
        counters.put("collections fetched lazily", stats.getCollectionFetchCount());
        counters.put("transactions", stats.getTransactionCount());
        pages.send(response, HttpServletResponse.SC_OK, "dev", "Developer pages", Map.of(
                "tools", tools,
                "requests", recent.entries(),
                "tasks", tasks.stats().entrySet().stream()
                        .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList(),
                "cache", caching.stats().entrySet().stream()
                        .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList(),
                "counters", counters.entrySet().stream()
                        .map(e -> Map.of("name", e.getKey(), "value", e.getValue())).toList()));
    }
}
