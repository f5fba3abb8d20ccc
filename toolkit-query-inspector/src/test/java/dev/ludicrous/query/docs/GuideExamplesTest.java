package dev.ludicrous.query.docs;

import static dev.ludicrous.query.assertj.QueryAssertions.assertQueries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.query.H2Database;
import dev.ludicrous.query.QueryAttribution;
import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.QueryScope;
import dev.ludicrous.query.Slf4jReporter;
import dev.ludicrous.query.junit.ExpectQueries;
import dev.ludicrous.query.micrometer.QueryMetrics;
import dev.ludicrous.query.p6spy.QueryInspectorModule;
import dev.ludicrous.query.web.QueryInspectorFilter;
import dev.ludicrous.testsupport.DocSnippets;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumSet;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every Java example of docs/query-inspector.md, compiled and run. */
class GuideExamplesTest {
    private static final Logger log = LoggerFactory.getLogger(GuideExamplesTest.class);
    private final DataSource pool = H2Database.withBlogSchema();

    @Test
    void guideMatchesTheseExamples() {
        assertThat(DocSnippets.assertInSync(Path.of("../docs/query-inspector.md"), Path.of("src/test/java")))
                .isGreaterThanOrEqualTo(9);
    }

    @Test
    void wrapAndScope() throws SQLException {
        // snippet: wrap-datasource
        QueryInspector inspector = QueryInspector.builder()
                .reporter(Slf4jReporter.builder().build())
                .build();
        DataSource dataSource = inspector.wrap(pool);
        // end-snippet
        Homepage homepage = new Homepage(dataSource, false);

        // snippet: open-scope
        try (QueryScope scope = inspector.open("homepage")) {
            homepage.render();
            QueryReport report = scope.report();
            log.info(report.summary());
        }
        // end-snippet
        try (QueryScope scope = inspector.open("homepage")) {
            homepage.render();
            assertThat(scope.report().summary()).startsWith("homepage: 6 queries (6 select) in ")
                    .endsWith("5 similar, 0 identical");
        }
    }

    @Test
    void servletFilter() {
        QueryInspector inspector = QueryInspector.builder().build();
        // snippet: servlet-filter
        ServletContextHandler context = new ServletContextHandler();
        Filter filter = QueryInspectorFilter.builder(inspector)
                .serverTiming(true)
                .build();
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        // end-snippet
        assertThat(context.getServletHandler().getFilters()).hasSize(1);
    }

    // snippet: spring
    @Configuration
    static class QueryInspectorConfiguration {
        @Bean
        QueryInspector queryInspector() {
            return QueryInspector.builder().reporter(Slf4jReporter.builder().build()).build();
        }

        @Bean
        static BeanPostProcessor inspectDataSources(ObjectProvider<QueryInspector> inspector) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? inspector.getObject().wrap(dataSource) : bean;
                }
            };
        }

        @Bean
        Filter queryInspectorFilter(QueryInspector inspector) {
            return QueryInspectorFilter.builder(inspector).build();
        }
    }
    // end-snippet

    @Test
    void springWrapsTheApplicationsDataSource() throws SQLException {
        try (AnnotationConfigApplicationContext spring = new AnnotationConfigApplicationContext()) {
            spring.register(QueryInspectorConfiguration.class);
            spring.registerBean(DataSource.class, () -> pool);
            spring.refresh();
            QueryInspector inspector = spring.getBean(QueryInspector.class);

            try (QueryScope scope = inspector.open("spring")) {
                new Homepage(spring.getBean(DataSource.class), true).render();
                assertThat(scope.report().selectCount()).isEqualTo(1);
            }
            assertThat(spring.getBean(Filter.class)).isInstanceOf(QueryInspectorFilter.class);
        }
    }

    // snippet: junit
    static class HomepageTest {
        static final QueryInspector inspector = QueryInspector.builder().build();
        static final DataSource dataSource = inspector.wrap(H2Database.withBlogSchema());

        @Test
        @ExpectQueries(select = 1)
        void homepageLoadsPostsWithTheirAuthorsInOneQuery() throws SQLException {
            new Homepage(dataSource, true).render();
        }
    }
    // end-snippet

    @Test
    void junitExamplePasses() {
        org.junit.platform.testkit.engine.EngineTestKit.engine("junit-jupiter")
                .selectors(org.junit.platform.engine.discovery.DiscoverySelectors.selectClass(HomepageTest.class))
                .execute().testEvents().assertStatistics(stats -> stats.succeeded(1).failed(0));
    }

    @Test
    void assertjExample() {
        QueryInspector inspector = QueryInspector.builder().build();
        Homepage homepage = new Homepage(inspector.wrap(pool), true);
        // snippet: assertj
        assertQueries(inspector, () -> homepage.render())
                .hasSelectCount(1)
                .hasNoRepeatedQueries();
        // end-snippet
    }

    @Test
    void explainAndMetrics() {
        MeterRegistry registry = new SimpleMeterRegistry();
        // snippet: explain
        QueryInspector inspector = QueryInspector.builder()
                .explainSlowerThan(Duration.ofMillis(100), Duration.ofMinutes(10), pool)
                .build();
        // end-snippet
        assertThat(inspector).isNotNull();
        // snippet: metrics
        QueryMetrics metrics = QueryMetrics.builder().build();
        metrics.bindTo(registry);
        QueryInspector measured = QueryInspector.builder().reporter(metrics).build();
        // end-snippet
        try (QueryScope scope = measured.open("x")) {
            assertThat(scope.name()).isEqualTo("x");
        }
        assertThat(registry.get("ludicrous.query.scope.statements").summary().count()).isEqualTo(1);
    }

    @Test
    void attributionAndModule() throws SQLException {
        QueryInspector inspector = QueryInspector.builder().build();
        Homepage sidebar = new Homepage(inspector.wrap(pool), true);
        try (QueryScope scope = inspector.open("page")) {
            // snippet: attribution
            try (QueryAttribution ignored = QueryAttribution.open("sidebar")) {
                sidebar.render();
            }
            // end-snippet
            assertThat(scope.report().statements().get(0).attribution()).isEqualTo("sidebar");
        }
        // snippet: p6spy-module
        QueryInspectorModule.use(inspector);
        // end-snippet
        QueryInspectorModule.use(null);
    }
}
