package dev.ludicrous.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs the Redis at {@link TestServices#redisUri()}.
 * When it does not answer, the test is skipped with a message saying so; when the environment
 * variable {@code CI} is set, the test fails instead, so a missing service never passes silently.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(ServiceCondition.class)
public @interface RequiresRedis {
}
