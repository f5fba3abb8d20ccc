package dev.ludicrous.query.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.query.H2Database;
import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryReport;
import dev.ludicrous.query.QueryScope;
import dev.ludicrous.query.StatementGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryAttributionIntegratorTest {
    private final QueryInspector inspector = QueryInspector.builder().build();
    private final BlogFixture blog = new BlogFixture(inspector.wrap(H2Database.withBlogSchema()), null);

    @AfterAll
    void close() {
        blog.close();
    }

    @Test
    void runsOnTheHibernateTheBuildChoseForThisRun() {
        // The build runs this package twice: on Hibernate 7, then (Failsafe execution hibernate-6.6)
        // on 6.6; a second run that quietly used 7 again would prove nothing.
        assertThat(org.hibernate.Version.getVersionString())
                .startsWith(System.getProperty("ludicrous.test.hibernate-version", "7."));
    }

    @Test
    void lazyAuthorInALoopIsReportedAsNPlusOneOnPostAuthorWithTheLoopsCallSite() {
        QueryReport report;
        try (QueryScope scope = inspector.open("homepage")) {
            blog.read(BlogFixture::naiveHomepage);
            report = scope.report();
        }

        assertThat(report.selectCount()).isEqualTo(1 + BlogFixture.POSTS);
        assertThat(report.similarGroups()).singleElement().satisfies(group -> {
            assertThat(group.count()).isEqualTo(BlogFixture.POSTS);
            assertThat(group.lazyAssociation()).isEqualTo("Post.author");
            assertThat(group.callSites()).singleElement().satisfies(site -> {
                assertThat(site.className()).isEqualTo(BlogFixture.class.getName());
                assertThat(site.methodName()).isEqualTo("naiveHomepage");
            });
            assertThat(group.toString()).startsWith("[SQL] N+1 on Post.author (20 lazy loads, ")
                    .contains(" at BlogFixture.java:");
        });
    }

    @Test
    void lazyCollectionIsNamedByItsRole() {
        QueryReport report;
        try (QueryScope scope = inspector.open("comments")) {
            blog.read(session -> {
                for (long id = 1; id <= 3; id++) {
                    session.find(Post.class, id).getComments().size();
                }
            });
            report = scope.report();
        }

        assertThat(report.similarGroups()).extracting(StatementGroup::lazyAssociation, StatementGroup::count)
                .contains(org.assertj.core.groups.Tuple.tuple("Post.comments", 3));
        assertThat(report.similarGroups()).filteredOn(group -> group.lazyAssociation() == null)
                .singleElement().satisfies(group -> assertThat(group.attributions()).containsExactly("find Post"));
    }

    @Test
    void fetchJoinRunsOneQueryAndNothingRepeats() {
        try (QueryScope scope = inspector.open("fixed")) {
            blog.read(BlogFixture::fetchJoinHomepage);
            assertThat(scope.report().selectCount()).isEqualTo(1);
            assertThat(scope.report().hasRepeatedQueries()).isFalse();
        }
    }

    @Test
    void withoutAnOpenScopeNothingIsLabelled() {
        blog.read(BlogFixture::naiveHomepage);

        assertThat(dev.ludicrous.query.QueryAttribution.current()).isNull();
    }
}
