package dev.ludicrous.tasks.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.tasks.TaskOptions;
import dev.ludicrous.tasks.Tasks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TasksMetricsTest {
    @Test
    void countsEveryStepOfATaskPerTaskName() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        // snippet: metrics
        TasksMetrics metrics = new TasksMetrics();
        Tasks tasks = Tasks.builder()
                .listener(metrics)
                .task("send-email", String.class, to -> { })
                .build();
        metrics.bindTo(registry);
        // end-snippet
        TaskOptions once = TaskOptions.builder().maxRetries(1).backoff(Duration.ofMillis(1)).build();
        try (Tasks failing = Tasks.builder().listener(metrics).task("flaky", String.class, once, s -> {
            throw new IllegalStateException("down");
        }).build()) {
            tasks.task("send-email", String.class).delay("ann@example.com").completion().toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            failing.task("flaky", String.class).delay("x").completion().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        tasks.close();

        assertThat(registry.get("ludicrous.tasks.queued").tag("task", "send-email").counter().count()).isEqualTo(1);
        assertThat(registry.get("ludicrous.tasks.started").tag("task", "send-email").counter().count()).isEqualTo(1);
        assertThat(registry.get("ludicrous.tasks.succeeded").tag("task", "send-email").counter().count()).isEqualTo(1);
        assertThat(registry.get("ludicrous.tasks.queue.latency").tag("task", "send-email").timer().count()).isEqualTo(1);
        assertThat(registry.get("ludicrous.tasks.run.time").tags("task", "send-email", "outcome", "success").timer()
                .count()).isEqualTo(1);
        assertThat(registry.get("ludicrous.tasks.started").tag("task", "flaky").counter().count()).isEqualTo(2);
        assertThat(registry.get("ludicrous.tasks.failed").tag("task", "flaky").counter().count()).isEqualTo(2);
        assertThat(registry.get("ludicrous.tasks.retried").tag("task", "flaky").counter().count()).isEqualTo(1);
        assertThat(registry.get("ludicrous.tasks.dead").tag("task", "flaky").counter().count()).isEqualTo(1);
    }
}
