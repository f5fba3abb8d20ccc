package dev.ludicrous.query.web;

import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.QueryScope;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link QueryScope} for each request, so the inspector's reporters see one report per
 * request, and tells other tools what the request ran.
 *
 * <p>After the request, these request attributes are set (JDK types, except the report):
 * <ul>
 *   <li>{@value #REPORT_ATTRIBUTE}: the {@link QueryReport};</li>
 *   <li>{@value #COUNT_ATTRIBUTE}: the number of statements, a {@link Long};</li>
 *   <li>{@value #TIME_ATTRIBUTE}: their total time, a {@link Duration};</li>
 *   <li>{@value #SERVER_TIMING_ATTRIBUTE}: a {@code List<String>} of {@code Server-Timing} entries
 *       that every Ludicrous filter appends to; this filter adds {@code db;dur=12.3;desc="42 queries"}
 *       when Server-Timing is enabled.</li>
 * </ul>
 * With {@link Builder#serverTiming(boolean)} on, the entry is also sent as a {@code Server-Timing}
 * header field, if the response is not committed yet when the request ends (a page larger than
 * the container's buffer is committed before; it then goes without the header). Off by default:
 * query counts and times tell an outsider about your database.
 *
 * <p>The scope records the request thread only; work an async request hands to other threads is
 * not counted. A fault inside the filter is logged once and never fails the request.
 */
public final class QueryInspectorFilter implements Filter {
    /** Request attribute holding the request's {@link QueryReport}. */
    public static final String REPORT_ATTRIBUTE = "dev.ludicrous.query.report";
    /** Request attribute holding the number of statements the request ran, a {@link Long}. */
    public static final String COUNT_ATTRIBUTE = "dev.ludicrous.query.count";
    /** Request attribute holding the statements' total time, a {@link Duration}. */
    public static final String TIME_ATTRIBUTE = "dev.ludicrous.query.time";
    /** Request attribute holding the {@code List<String>} of Server-Timing entries shared by Ludicrous filters. */
    public static final String SERVER_TIMING_ATTRIBUTE = "dev.ludicrous.server-timing";

    private static final Logger LOG = LoggerFactory.getLogger(QueryInspectorFilter.class);

    private final QueryInspector inspector;
    private final boolean serverTiming;
    private final Function<HttpServletRequest, String> scopeName;
    private volatile boolean faultLogged;

    private QueryInspectorFilter(Builder builder) {
        this.inspector = builder.inspector;
        this.serverTiming = builder.serverTiming;
        this.scopeName = builder.scopeName;
    }

    /**
     * Returns a builder for a filter that scopes requests on {@code inspector}.
     *
     * @param inspector the inspector that wraps the application's data source
     * @return a builder with Server-Timing off and scopes named {@code GET /path}
     */
    public static Builder builder(QueryInspector inspector) {
        return new Builder(Objects.requireNonNull(inspector, "inspector"));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        QueryScope scope = open(http);
        try {
            chain.doFilter(request, response);
        } finally {
            if (scope != null) {
                finish(scope, http, httpResponse);
            }
        }
    }

    private QueryScope open(HttpServletRequest request) {
        try {
            return inspector.open(scopeName.apply(request));
        } catch (RuntimeException e) {
            fault(e);
            return null;
        }
    }

    private void finish(QueryScope scope, HttpServletRequest request, HttpServletResponse response) {
        try {
            scope.close();
            QueryReport report = scope.report();
            request.setAttribute(REPORT_ATTRIBUTE, report);
            request.setAttribute(COUNT_ATTRIBUTE, report.count());
            request.setAttribute(TIME_ATTRIBUTE, report.totalTime());
            if (serverTiming) {
                String entry = String.format(Locale.ROOT, "db;dur=%.1f;desc=\"%d %s\"",
                        report.totalTime().toNanos() / 1_000_000.0, report.count(),
                        report.count() == 1 ? "query" : "queries");
                serverTimingEntries(request).add(entry);
                if (!response.isCommitted()) {
                    response.addHeader("Server-Timing", entry);
                }
            }
        } catch (RuntimeException e) {
            fault(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> serverTimingEntries(HttpServletRequest request) {
        Object entries = request.getAttribute(SERVER_TIMING_ATTRIBUTE);
        if (entries instanceof List<?> list) {
            return (List<String>) list;
        }
        List<String> created = new ArrayList<>();
        request.setAttribute(SERVER_TIMING_ATTRIBUTE, created);
        return created;
    }

    private void fault(RuntimeException e) {
        if (!faultLogged) {
            faultLogged = true;
            LOG.warn("Query inspector filter failed; the request goes on. Further faults are not logged.", e);
        }
    }

    /** Builds a {@link QueryInspectorFilter}. */
    public static final class Builder {
        private final QueryInspector inspector;
        private boolean serverTiming;
        private Function<HttpServletRequest, String> scopeName =
                request -> request.getMethod() + " " + request.getRequestURI();

        private Builder(QueryInspector inspector) {
            this.inspector = inspector;
        }

        /**
         * Sets whether the filter adds a {@code Server-Timing: db;...} header field (default false).
         *
         * @param enabled true to send the entry to the client
         * @return this builder
         */
        public Builder serverTiming(boolean enabled) {
            this.serverTiming = enabled;
            return this;
        }

        /**
         * Sets how a request's scope is named in reports (default {@code GET /path}, without the
         * query string, which may hold secrets).
         *
         * @param name a function of the request; must not return null
         * @return this builder
         */
        public Builder scopeName(Function<HttpServletRequest, String> name) {
            this.scopeName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Builds the filter.
         *
         * @return a new filter
         */
        public QueryInspectorFilter build() {
            return new QueryInspectorFilter(this);
        }
    }
}
