package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OptionsValidationTest {
    @Test
    void invalidOptionsFailAtCallTimeNamingTheOption() {
        assertThatThrownBy(() -> TaskOptions.builder().countdown(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("countdown must not be negative, but was PT-1S");
        assertThatThrownBy(() -> TaskOptions.builder().maxRetries(0).backoff(Duration.ofSeconds(1)).build())
                .hasMessageStartingWith("backoff is set to PT1S but maxRetries is 0");
        assertThatThrownBy(() -> TaskOptions.builder().maxRetries(-1))
                .hasMessage("maxRetries must be between 0 and 1000, but was -1");
        assertThatThrownBy(() -> TaskOptions.builder().timeLimit(Duration.ZERO))
                .hasMessage("timeLimit must be positive, but was PT0S");
        assertThatThrownBy(() -> TaskOptions.builder().backoff(Duration.ofSeconds(5)).maxBackoff(Duration.ofSeconds(1)).build())
                .hasMessage("maxBackoff must be at least backoff (PT5S), but was PT1S");
        assertThatThrownBy(() -> TaskOptions.builder().queue("no spaces"))
                .hasMessage("queue must be 1 to 100 letters, digits or _ . : -, but was 'no spaces'");
        assertThatThrownBy(() -> TaskOptions.builder().idempotencyKey("a\nb"))
                .hasMessageStartingWith("idempotencyKey must be 1 to 200 characters without line breaks");
    }

    @Test
    void badBuilderSettingsFailAtBuildNamingTheSetting() {
        assertThatThrownBy(() -> Tasks.builder().concurrency(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("concurrency must be between 1 and 1024, but was 0");
        assertThatThrownBy(() -> Tasks.builder().prefetch(0).build())
                .hasMessage("prefetch must be between 1 and 10000, but was 0");
        assertThatThrownBy(() -> Tasks.builder().queueCapacity(0).build())
                .hasMessage("queueCapacity must be between 1 and 2147483647, but was 0");
        assertThatThrownBy(() -> Tasks.builder().shutdownTimeout(Duration.ofSeconds(-1)).build())
                .hasMessage("shutdownTimeout must not be negative, but was PT-1S");
        assertThatThrownBy(() -> Tasks.builder().task("bad name", String.class, s -> { }))
                .hasMessage("task name must be 1 to 100 letters, digits or _ . : -, but was 'bad name'");
        assertThatThrownBy(() -> Tasks.builder().task("a", String.class, s -> { }).task("a", String.class, s -> { }))
                .hasMessage("task name must be unique, but 'a' is registered twice");
    }
}
