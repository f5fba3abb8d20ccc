package dev.ludicrous.query.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pins how many statements a test runs, per kind, so that a fixed N+1 stays fixed:
 *
 * <pre>{@code
 * @Test
 * @ExpectQueries(select = 1)
 * void homepageLoadsPostsWithAuthorsInOneQuery() {
 *     homepage.render();
 * }
 * }</pre>
 *
 * <p>Counts the statements the test method's thread (or, with {@link #allThreads()}, every thread) runs through the test's
 * {@link dev.ludicrous.query.QueryInspector} (a field of the test class, static or not), from
 * after the {@code @BeforeEach} methods to before the {@code @AfterEach} methods. A kind left at
 * {@link #ANY} is not checked. On a class, it applies to every test method that does not carry
 * its own. When the count differs, the test fails with the expected and actual counts, every
 * statement in order with its call site, and the repeated groups.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(QueryCountExtension.class)
public @interface ExpectQueries {
    /** The value that leaves a count unchecked. */
    int ANY = -1;

    /** @return the number of {@code SELECT}s expected, or {@link #ANY} */
    int select() default ANY;

    /** @return the number of {@code INSERT}s expected, or {@link #ANY} */
    int insert() default ANY;

    /** @return the number of {@code UPDATE}s expected, or {@link #ANY} */
    int update() default ANY;

    /** @return the number of {@code DELETE}s expected, or {@link #ANY} */
    int delete() default ANY;

    /** @return the number of statements of any kind expected, or {@link #ANY} */
    int total() default ANY;

    /**
     * Counts the statements of every thread, not just the test's: for a test that calls a web app
     * over HTTP or hands work to an executor. Statements of unrelated threads (background tasks,
     * other tests running in parallel) are counted too, so quiet them first.
     *
     * @return true to count all threads
     */
    boolean allThreads() default false;
}
