package dev.ludicrous.blog;

import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.Slf4jReporter;
import dev.ludicrous.query.web.QueryInspectorFilter;
import jakarta.servlet.DispatcherType;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Where toolkit-query-inspector meets the blog. It wraps the pool before Hibernate sees it, so
 * every statement Hibernate runs is recorded; its filter opens one scope per request, which the
 * reporter logs as a summary plus a warning per repeated query, and (in the development profile
 * only) sends as a {@code Server-Timing: db;...} entry. SELECTs slower than 50 ms are EXPLAINed
 * on the raw pool, off the request thread.
 */
final class QueryInspection {
    /** Logger of the per-request summaries and repeated-query warnings. */
    static final String LOGGER = "dev.ludicrous.blog.queries";

    private final boolean serverTiming;
    private QueryInspector inspector;

    QueryInspection(BlogConfig config) {
        this.serverTiming = config.profile == BlogConfig.Profile.DEVELOPMENT;
    }

    /** Builds the inspector on the raw pool (for EXPLAIN) and returns the pool wrapped by it. */
    DataSource wrap(DataSource pool) {
        // snippet: blog-query-inspector
        inspector = QueryInspector.builder()
                .excludeFromCallSites("com.github.mustachejava") // name the template render, not its reflection
                .reporter(Slf4jReporter.builder().logger(LOGGER).build())
                .explainSlowerThan(Duration.ofMillis(50), Duration.ofMinutes(1), pool)
                .build();
        return inspector.wrap(pool);
        // end-snippet
    }

    QueryInspector inspector() {
        return Objects.requireNonNull(inspector, "wrap(pool) first");
    }

    /** Adds the per-request scope filter to every page. */
    void install(ServletContextHandler context) {
        // snippet: blog-query-filter
        QueryInspectorFilter filter = QueryInspectorFilter.builder(inspector())
                .serverTiming(serverTiming)
                .build();
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        // end-snippet
    }
}
