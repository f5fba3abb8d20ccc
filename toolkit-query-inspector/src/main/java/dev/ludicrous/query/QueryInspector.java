package dev.ludicrous.query;

import com.p6spy.engine.common.ConnectionInformation;
import com.p6spy.engine.common.StatementInformation;
import com.p6spy.engine.event.JdbcEventListener;
import com.p6spy.engine.wrapper.ConnectionWrapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Records the statements an application runs, per request, test or block of code, and reports
 * the ones that repeat. The entry point of the module:
 *
 * <pre>{@code
 * QueryInspector inspector = QueryInspector.builder()
 *     .reporter(Slf4jReporter.builder().build())
 *     .build();
 * DataSource dataSource = inspector.wrap(hikari);
 *
 * try (QueryScope scope = inspector.open("homepage")) {
 *     render();
 *     log.info(scope.report().summary());
 * }
 * }</pre>
 *
 * <p>Statements are seen through p6spy's JDBC wrappers with the inspector's own listener; no
 * {@code spy.properties} or {@code jdbc:p6spy:} URL is needed. A statement is recorded only while
 * a scope is open on its thread (or a shared scope anywhere); otherwise the wrappers pass it
 * through after one volatile read. Immutable configuration, thread-safe.
 */
public final class QueryInspector {
    private final boolean callSitesEnabled;
    private final CallSites callSites;
    private final int maxStatementsPerScope;
    private final int maxSqlLength;
    private final boolean showParameterValues;
    private final List<QueryReporter> reporters;
    private final Explainer explainer;

    private final SqlShapes shapes = new SqlShapes();
    private final InspectingListener listener = new InspectingListener(this);
    private final FaultLog faults = new FaultLog();
    private final ThreadLocal<ThreadState> threads = new ThreadLocal<>();
    private final AtomicInteger openScopes = new AtomicInteger();
    private final Object sharedLock = new Object();
    private volatile QueryScope[] sharedScopes = new QueryScope[0];

    private QueryInspector(Builder builder) {
        this.callSitesEnabled = builder.callSites;
        this.callSites = new CallSites(builder.excludedPackages);
        this.maxStatementsPerScope = builder.maxStatementsPerScope;
        this.maxSqlLength = builder.maxSqlLength;
        this.showParameterValues = builder.showParameterValues;
        this.reporters = List.copyOf(builder.reporters);
        this.explainer = builder.explainThreshold == null ? null
                : new Explainer(builder.explainThreshold, builder.explainInterval, builder.explainDataSource, faults);
    }

    /** Returns a builder with the defaults: call sites on, 1 000 statements kept per scope, values redacted. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a data source whose connections report their statements to this inspector.
     * Wrapping a data source this inspector already wraps returns it unchanged, so statements are
     * never counted twice. {@code unwrap} and {@code isWrapperFor} reach the wrapped data source
     * and, on connections, the driver's connection.
     *
     * @param dataSource the application's data source, usually a connection pool
     * @return the inspected data source
     */
    public DataSource wrap(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (dataSource instanceof InspectedDataSource inspected && inspected.inspector() == this) {
            return dataSource;
        }
        return new InspectedDataSource(this, dataSource);
    }

    /**
     * Returns a connection that reports its statements to this inspector; a connection this
     * inspector already wraps is returned unchanged.
     *
     * @param connection a JDBC connection
     * @return the inspected connection
     */
    public Connection wrap(Connection connection) {
        return wrap(connection, null, 0);
    }

    Connection wrap(Connection connection, DataSource source, long nanosToConnect) {
        Objects.requireNonNull(connection, "connection");
        if (connection instanceof ConnectionWrapper wrapper && wrapper.getEventListener() == listener) {
            return connection;
        }
        ConnectionInformation info = source == null ? ConnectionInformation.fromTestConnection(connection)
                : ConnectionInformation.fromDataSource(source, connection, nanosToConnect);
        return ConnectionWrapper.wrap(connection, listener, info);
    }

    /**
     * Returns the p6spy listener of this inspector, for applications that already run p6spy by
     * driver URL or {@code spy.properties}: see {@code QueryInspectorModule} in the guide.
     *
     * @return the listener; it records into this inspector's scopes
     */
    public JdbcEventListener listener() {
        return listener;
    }

    /**
     * Opens a scope that records the statements the current thread runs until it is closed.
     *
     * @param name what the scope covers, such as {@code homepage} or {@code GET /posts}; shown in reports
     * @return the open scope; close it, ideally with try-with-resources
     */
    public QueryScope open(String name) {
        Objects.requireNonNull(name, "name");
        QueryScope scope = new QueryScope(this, name, false, maxStatementsPerScope);
        ThreadState state = threads.get();
        if (state == null) {
            state = new ThreadState();
            threads.set(state);
        }
        state.push(scope);
        openScopes.incrementAndGet();
        QueryAttribution.scopeOpened();
        return scope;
    }

    /**
     * Opens a scope that records the statements of every thread until it is closed: for a test
     * that counts what a multi-threaded piece of code runs. Statements of unrelated threads
     * (other tests running in parallel, a scheduler) are recorded too.
     *
     * @param name what the scope covers; shown in reports
     * @return the open scope; close it, ideally with try-with-resources
     */
    public QueryScope openShared(String name) {
        Objects.requireNonNull(name, "name");
        QueryScope scope = new QueryScope(this, name, true, maxStatementsPerScope);
        synchronized (sharedLock) {
            QueryScope[] scopes = Arrays.copyOf(sharedScopes, sharedScopes.length + 1);
            scopes[scopes.length - 1] = scope;
            sharedScopes = scopes;
        }
        openScopes.incrementAndGet();
        QueryAttribution.scopeOpened();
        return scope;
    }

    void closed(QueryScope scope) {
        if (scope.isShared()) {
            synchronized (sharedLock) {
                List<QueryScope> remaining = new ArrayList<>(Arrays.asList(sharedScopes));
                remaining.remove(scope);
                sharedScopes = remaining.toArray(new QueryScope[0]);
            }
        } else {
            ThreadState state = threads.get();
            if (state != null) {
                state.remove(scope);
                if (!state.hasScopes()) {
                    // A pooled thread must not keep this request's state into the next one.
                    threads.remove();
                    QueryAttribution.clear();
                }
            }
        }
        openScopes.decrementAndGet();
        QueryAttribution.scopeClosed();
        if (reporters.isEmpty()) {
            return;
        }
        QueryReport report = scope.report();
        for (QueryReporter reporter : reporters) {
            try {
                reporter.report(report);
            } catch (RuntimeException | LinkageError fault) {
                faults.fault("reporter " + reporter.getClass().getName(), fault);
            }
        }
    }

    boolean recording() {
        return openScopes.get() != 0;
    }

    /** Returns this thread's state; creates one only when asked and a shared scope could use it. */
    ThreadState threadState(boolean createForShared) {
        ThreadState state = threads.get();
        if (state == null && createForShared && sharedScopes.length > 0) {
            state = new ThreadState();
            threads.set(state);
        }
        return state;
    }

    void record(StatementInformation info, String sql, long nanos, java.sql.SQLException error, int batchSize, long rows) {
        ThreadState state = threads.get();
        QueryScope[] shared = sharedScopes;
        if ((state == null || !state.hasScopes()) && shared.length == 0) {
            return;
        }
        SqlShape shape = shapes.of(sql);
        long parameterKey = 0;
        List<String> parameters = List.of();
        if (state != null && batchSize == 1 && state.hasParametersOf(info)) {
            parameterKey = state.parameterKey();
            if (showParameterValues) {
                parameters = state.renderParameters();
            }
        }
        CallSite site = callSitesEnabled ? callSites.find() : null;
        boolean cut = sql.length() > maxSqlLength;
        String storedSql = cut ? sql.substring(0, maxSqlLength) + "... [" + sql.length() + " chars]" : sql;
        Entry entry = new Entry(storedSql, cut, shape, batchSize, nanos, message(error), site, parameterKey,
                parameters, QueryAttribution.current(), rows);
        if (state != null) {
            state.track(info, entry);
            state.addToScopes(entry);
        }
        for (QueryScope scope : shared) {
            scope.add(entry);
        }
        if (explainer != null) {
            explainer.consider(entry, info, state);
        }
    }

    private static String message(SQLException error) {
        if (error == null) {
            return null;
        }
        return error.getSQLState() == null ? String.valueOf(error.getMessage())
                : error.getMessage() + " [SQLState " + error.getSQLState() + "]";
    }

    void fault(String what, Throwable error) {
        faults.fault(what, error);
    }

    /**
     * Builds a {@link QueryInspector}. Settings are checked by {@link #build()}, which names the
     * setting, the rule and the value when one is wrong. Not thread-safe; the inspector it builds is.
     */
    public static final class Builder {
        private boolean callSites = true;
        private final List<String> excludedPackages = new ArrayList<>(CallSites.DEFAULT_EXCLUDED_PACKAGES);
        private int maxStatementsPerScope = 1_000;
        private int maxSqlLength = 10_000;
        private boolean showParameterValues;
        private final List<QueryReporter> reporters = new ArrayList<>();
        private Duration explainThreshold;
        private Duration explainInterval = Duration.ofMinutes(10);
        private DataSource explainDataSource;

        private Builder() {
        }

        /**
         * Sets whether each statement records the line of application code that ran it (default
         * true). A call site costs a stack walk, about 2.8 µs per statement measured here; turn it off where
         * every microsecond counts and only totals matter.
         *
         * @param enabled true to record call sites
         * @return this builder
         */
        public Builder callSites(boolean enabled) {
            this.callSites = enabled;
            return this;
        }

        /**
         * Adds package or class name prefixes whose frames are never a call site, such as your
         * own data-access framework ({@code com.example.dao.}). The JDK, JDBC drivers, pools,
         * Hibernate, Spring and p6spy are excluded already.
         *
         * @param prefixes name prefixes, e.g. {@code "com.example.dao."}
         * @return this builder
         */
        public Builder excludeFromCallSites(String... prefixes) {
            for (String prefix : prefixes) {
                if (prefix == null || prefix.isBlank()) {
                    throw new IllegalArgumentException(
                            "excludeFromCallSites must be given non-blank prefixes, but was " + Arrays.toString(prefixes));
                }
                excludedPackages.add(prefix);
            }
            return this;
        }

        /**
         * Sets how many statements a scope keeps in detail (default 1 000); later ones are
         * counted and timed but not listed, which bounds a scope's memory.
         *
         * @param limit at least 1
         * @return this builder
         */
        public Builder maxStatementsPerScope(int limit) {
            this.maxStatementsPerScope = limit;
            return this;
        }

        /**
         * Sets how many characters of a statement's SQL are kept (default 10 000); longer SQL is
         * cut and marked with its full length. Fingerprints are always computed on the full text.
         *
         * @param length at least 100
         * @return this builder
         */
        public Builder maxSqlLength(int length) {
            this.maxSqlLength = length;
            return this;
        }

        /**
         * Sets whether reports show parameter values (default false: values are redacted, since
         * they can hold personal data or secrets). Values are compared either way, to tell
         * identical statements from similar ones.
         *
         * @param show true to render parameter values into reports and logs
         * @return this builder
         */
        public Builder showParameterValues(boolean show) {
            this.showParameterValues = show;
            return this;
        }

        /**
         * Adds a reporter that receives every scope's report when the scope closes.
         *
         * @param reporter the reporter, such as {@code Slf4jReporter.builder().build()}
         * @return this builder
         */
        public Builder reporter(QueryReporter reporter) {
            reporters.add(Objects.requireNonNull(reporter, "reporter"));
            return this;
        }

        /**
         * Runs {@code EXPLAIN} (never {@code EXPLAIN ANALYZE}) for {@code SELECT}s slower than the
         * threshold, on a connection of {@code dataSource} (pass the <em>unwrapped</em> data source
         * so the inspector's own statements are never recorded), on a background thread, at most
         * once per statement shape per {@code interval}. Plans appear on the
         * {@link RecordedStatement#plan()} of the slow statement once they arrive.
         * PostgreSQL, H2 and MySQL/MariaDB are supported.
         *
         * @param threshold  statements slower than this are explained; positive
         * @param interval   a shape is explained at most once per interval; positive
         * @param dataSource where to run {@code EXPLAIN}
         * @return this builder
         */
        public Builder explainSlowerThan(Duration threshold, Duration interval, DataSource dataSource) {
            this.explainThreshold = Objects.requireNonNull(threshold, "threshold");
            this.explainInterval = Objects.requireNonNull(interval, "interval");
            this.explainDataSource = Objects.requireNonNull(dataSource, "dataSource");
            return this;
        }

        /**
         * Checks the settings and builds the inspector.
         *
         * @return a new inspector
         * @throws IllegalArgumentException naming the setting, the rule and the value when one is invalid
         */
        public QueryInspector build() {
            if (maxStatementsPerScope < 1) {
                throw new IllegalArgumentException(
                        "maxStatementsPerScope must be at least 1, but was " + maxStatementsPerScope);
            }
            if (maxSqlLength < 100) {
                throw new IllegalArgumentException("maxSqlLength must be at least 100, but was " + maxSqlLength);
            }
            if (explainThreshold != null && (explainThreshold.isNegative() || explainThreshold.isZero())) {
                throw new IllegalArgumentException(
                        "explainSlowerThan threshold must be positive, but was " + explainThreshold);
            }
            if (explainThreshold != null && (explainInterval.isNegative() || explainInterval.isZero())) {
                throw new IllegalArgumentException(
                        "explainSlowerThan interval must be positive, but was " + explainInterval);
            }
            return new QueryInspector(this);
        }
    }
}
