package dev.ludicrous.query.micrometer;

import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.QueryReporter;
import dev.ludicrous.query.RecordedStatement;
import dev.ludicrous.query.StatementGroup;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Turns scope reports into Micrometer meters. Add it to the inspector as a reporter and bind it
 * to a registry (Spring Boot binds every {@link MeterBinder} bean by itself):
 *
 * <pre>{@code
 * QueryMetrics metrics = QueryMetrics.builder().build();
 * metrics.bindTo(registry);
 * QueryInspector inspector = QueryInspector.builder().reporter(metrics).build();
 * }</pre>
 *
 * <p>Meters:
 * <ul>
 *   <li>{@code ludicrous.query.statements} (timer; tags {@code kind}, and {@code scope} when
 *       {@link Builder#scopeTag(boolean)} is on): every statement kept in detail, with its time;</li>
 *   <li>{@code ludicrous.query.scope.statements} (distribution summary; {@code scope} tag when on):
 *       statements per scope, counting those past the detail limit;</li>
 *   <li>{@code ludicrous.query.repeated} (counter; tag {@code type=similar|identical}): repeated groups found.</li>
 * </ul>
 * The scope tag is off by default: scope names such as {@code GET /posts/42} would make one
 * time series per URL. Turn it on only when you name scopes yourself from a small set.
 */
public final class QueryMetrics implements QueryReporter, MeterBinder {
    private final boolean scopeTag;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    private QueryMetrics(Builder builder) {
        this.scopeTag = builder.scopeTag;
    }

    /**
     * Returns a builder; the scope tag is off by default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
    }

    @Override
    public void report(QueryReport report) {
        for (MeterRegistry registry : registries) {
            for (RecordedStatement statement : report.statements()) {
                Timer.Builder timer = Timer.builder("ludicrous.query.statements")
                        .description("Statements run in query scopes, by kind")
                        .tag("kind", statement.kind().label());
                if (scopeTag) {
                    timer.tag("scope", report.scopeName());
                }
                timer.register(registry).record(statement.duration());
            }
            DistributionSummary.Builder perScope = DistributionSummary.builder("ludicrous.query.scope.statements")
                    .description("Statements per query scope (request, test or block)")
                    .baseUnit("statements");
            if (scopeTag) {
                perScope.tag("scope", report.scopeName());
            }
            perScope.register(registry).record(report.count());
            for (StatementGroup group : report.repeatedGroups()) {
                Counter.builder("ludicrous.query.repeated")
                        .description("Groups of repeated statements found in query scopes")
                        .tag("type", group.identical() ? "identical" : "similar")
                        .register(registry).increment();
            }
        }
    }

    /** Builds {@link QueryMetrics}. */
    public static final class Builder {
        private boolean scopeTag;

        private Builder() {
        }

        /**
         * Sets whether meters carry a {@code scope} tag with the scope's name (default false).
         *
         * @param enabled true to tag by scope name
         * @return this builder
         */
        public Builder scopeTag(boolean enabled) {
            this.scopeTag = enabled;
            return this;
        }

        /**
         * Builds the reporter.
         *
         * @return a new reporter, not yet bound to a registry
         */
        public QueryMetrics build() {
            return new QueryMetrics(this);
        }
    }
}
