package dev.ludicrous.query;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each scope's report to SLF4J: a summary line, then one line per repeated group.
 *
 * <pre>
 * homepage: 42 queries (41 select, 1 insert) in 38.0 ms; 40 similar, 0 identical
 * [SQL] repeated query (20x, 9.1 ms): select ... from author a1_0 where a1_0.id=? at HomeService.java:41; lazy load Post.author
 * </pre>
 *
 * <p>The summary is logged at INFO when the scope ran at least {@code summaryThreshold} statements
 * (default 1), else at DEBUG; repeated groups with at least {@code repeatThreshold} statements
 * (default 2) are logged at WARN. The logger is {@code dev.ludicrous.query.QueryReport} unless
 * configured. Parameter values appear only if the inspector was built to show them.
 */
public final class Slf4jReporter implements QueryReporter {
    private final Logger logger;
    private final int summaryThreshold;
    private final int repeatThreshold;

    private Slf4jReporter(Builder builder) {
        this.logger = LoggerFactory.getLogger(builder.loggerName);
        this.summaryThreshold = builder.summaryThreshold;
        this.repeatThreshold = builder.repeatThreshold;
    }

    /** Returns a builder with the defaults described on the class. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void report(QueryReport report) {
        if (report.count() >= summaryThreshold) {
            if (logger.isInfoEnabled()) {
                logger.info(report.summary());
            }
        } else if (logger.isDebugEnabled()) {
            logger.debug(report.summary());
        }
        if (logger.isWarnEnabled()) {
            for (StatementGroup group : report.repeatedGroups()) {
                if (group.count() >= repeatThreshold) {
                    logger.warn("{}: {}", report.scopeName(), group);
                }
            }
        }
    }

    /** Builds a {@link Slf4jReporter}; checked by {@link #build()}. */
    public static final class Builder {
        private String loggerName = QueryReport.class.getName();
        private int summaryThreshold = 1;
        private int repeatThreshold = 2;

        private Builder() {
        }

        /**
         * Sets the logger name (default {@code dev.ludicrous.query.QueryReport}).
         *
         * @param name a logger name
         * @return this builder
         */
        public Builder logger(String name) {
            this.loggerName = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Sets how many statements a scope must run for its summary to be logged at INFO
         * rather than DEBUG (default 1; 0 logs even empty scopes at INFO).
         *
         * @param statements zero or more
         * @return this builder
         */
        public Builder summaryThreshold(int statements) {
            this.summaryThreshold = statements;
            return this;
        }

        /**
         * Sets how many statements a repeated group must hold to be logged at WARN (default 2).
         *
         * @param statements at least 2
         * @return this builder
         */
        public Builder repeatThreshold(int statements) {
            this.repeatThreshold = statements;
            return this;
        }

        /**
         * Checks the settings and builds the reporter.
         *
         * @return a new reporter
         * @throws IllegalArgumentException naming the setting, the rule and the value when one is invalid
         */
        public Slf4jReporter build() {
            if (summaryThreshold < 0) {
                throw new IllegalArgumentException("summaryThreshold must be 0 or more, but was " + summaryThreshold);
            }
            if (repeatThreshold < 2) {
                throw new IllegalArgumentException("repeatThreshold must be at least 2, but was " + repeatThreshold);
            }
            return new Slf4jReporter(this);
        }
    }
}
