package dev.ludicrous.blog;

import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;

/**
 * Where toolkit-query-inspector meets the blog: it wraps the pool before Hibernate sees it, and
 * its filter scopes each request (log summary, Server-Timing, developer page).
 */
final class QueryInspection {
    QueryInspection(BlogConfig config) {
    }

    DataSource wrap(DataSource pool) {
        return pool;
    }

    void install(ServletContextHandler context) {
    }
}
