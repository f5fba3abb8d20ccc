package dev.ludicrous.query.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that runs more statements than the given number, counted as for
 * {@link ExpectQueries}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(QueryCountExtension.class)
public @interface MaxQueries {
    /** @return the most statements the test may run */
    int value();

    /**
     * Counts the statements of every thread, not just the test's: for a test that calls a web app
     * over HTTP or hands work to an executor. Statements of unrelated threads (background tasks,
     * other tests running in parallel) are counted too, so quiet them first.
     *
     * @return true to count all threads
     */
    boolean allThreads() default false;
}
