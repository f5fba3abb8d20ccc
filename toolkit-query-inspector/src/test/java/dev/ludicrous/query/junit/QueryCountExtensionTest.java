package dev.ludicrous.query.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

class QueryCountExtensionTest {

    private static Events run(Class<?> type, String method) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, method)).execute().testEvents();
    }

    private static Throwable failureOf(Class<?> type, String method) {
        Events events = run(type, method);
        events.assertStatistics(stats -> stats.failed(1));
        return events.failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    @Test
    void matchingCountPassesAndSetUpIsNotCounted() {
        run(QueryCountFixtures.Pinned.class, "threeSelectsAsExpected").assertStatistics(stats -> stats.succeeded(1));
    }

    @Test
    void wrongCountFailsWithExpectedActualEveryStatementAndTheRepeatedGroup() {
        Throwable failure = failureOf(QueryCountFixtures.Pinned.class, "fiveSelectsWhereOneWasExpected");

        assertThat(failure).isInstanceOf(AssertionFailedError.class);
        assertThat(failure.getMessage())
                .startsWith("Expected 1 select but 5 ran in Pinned.fiveSelectsWhereOneWasExpected().\n")
                .contains("5 queries (5 select)")
                .contains("   1. select: select name from author where id = ? (")
                .contains("   5. select: select name from author where id = ? (")
                .contains("at QueryCountFixtures.java:")
                .contains("Repeated:\n  [SQL] repeated query (5x");
    }

    @Test
    void maxQueriesFailsAboveTheLimit() {
        assertThat(failureOf(QueryCountFixtures.Pinned.class, "fourStatementsOverAMaximumOfTwo"))
                .hasMessageStartingWith("Expected at most 2 statements but 4 ran in Pinned.fourStatementsOverAMaximumOfTwo()");
    }

    @Test
    void noRepeatedQueriesFailsOnALoopOfLookups() {
        assertThat(failureOf(QueryCountFixtures.Pinned.class, "aLoopOfLookups"))
                .hasMessageStartingWith("Expected no repeated queries but 1 query was repeated");
    }

    @Test
    void theTestsOwnFailureIsNotMaskedByTheCount() {
        run(QueryCountFixtures.Pinned.class, "failsOnItsOwn").assertThatEvents().haveExactly(1,
                event(test("failsOnItsOwn"), finishedWithFailure(instanceOf(IllegalStateException.class),
                        message("the test's own failure"))));
    }

    @Test
    void classAnnotationAppliesToEveryMethodAndNestedClassesAndMethodsOverride() {
        Events events = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(QueryCountFixtures.ClassLevel.class),
                        selectClass(QueryCountFixtures.ClassLevel.Inner.class))
                .execute().testEvents();

        events.assertStatistics(stats -> stats.succeeded(3).failed(0));
        events.assertThatEvents().haveExactly(1, event(test("nestedTestsUseTheOuterInspector"), finishedSuccessfully()));
    }

    @Test
    void allThreadsCountsWorkHandedToOtherThreads() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(QueryCountFixtures.OtherThreads.class))
                .execute().testEvents().assertStatistics(stats -> stats.succeeded(2).failed(0));
    }

    @Test
    void aTestClassWithoutAnInspectorIsToldWhatToDeclare() {
        assertThat(failureOf(QueryCountFixtures.WithoutInspector.class, "cannotCount"))
                .hasMessageContaining("counts queries but has no QueryInspector")
                .hasMessageContaining("declare a field of type QueryInspector");
    }
}
