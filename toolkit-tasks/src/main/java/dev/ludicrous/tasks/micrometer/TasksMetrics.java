package dev.ludicrous.tasks.micrometer;

import dev.ludicrous.tasks.TaskListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Micrometer meters for tasks, per task name: counters {@code ludicrous.tasks.queued},
 * {@code .started}, {@code .succeeded}, {@code .failed}, {@code .retried}, {@code .dead}, and timers
 * {@code ludicrous.tasks.queue.latency} (from due to start) and {@code ludicrous.tasks.run.time}
 * (tagged {@code outcome=success|failure}). Add it as a listener and bind it:
 * <pre>{@code
 * TasksMetrics metrics = new TasksMetrics();
 * Tasks tasks = Tasks.builder().listener(metrics)...build();
 * metrics.bindTo(registry);
 * }</pre>
 * Events before {@link #bindTo} are not counted. Thread-safe.
 */
public final class TasksMetrics implements TaskListener, MeterBinder {
    private volatile MeterRegistry registry;
    private final Map<String, Meters> byTask = new ConcurrentHashMap<>();

    /** Creates the binder; nothing is recorded until {@link #bindTo} is called. */
    public TasksMetrics() {
    }

    private record Meters(Counter queued, Counter started, Counter succeeded, Counter failed, Counter retried,
            Counter dead, Timer latency, Timer runSuccess, Timer runFailure) {
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        byTask.clear();
    }

    private Meters meters(String task) {
        MeterRegistry r = registry;
        if (r == null) {
            return null;
        }
        return byTask.computeIfAbsent(task, t -> new Meters(
                counter(r, "queued", t, "Tasks accepted by the broker"),
                counter(r, "started", t, "Handler runs started"),
                counter(r, "succeeded", t, "Handler runs that returned"),
                counter(r, "failed", t, "Handler runs that threw or overran their time limit"),
                counter(r, "retried", t, "Failed tasks scheduled for another attempt"),
                counter(r, "dead", t, "Tasks moved to the dead letters"),
                Timer.builder("ludicrous.tasks.queue.latency").tag("task", t)
                        .description("Time from when a task was due to when a worker started it").register(r),
                runTimer(r, t, "success"),
                runTimer(r, t, "failure")));
    }

    private static Counter counter(MeterRegistry r, String what, String task, String description) {
        return Counter.builder("ludicrous.tasks." + what).tag("task", task).description(description)
                .baseUnit("tasks").register(r);
    }

    private static Timer runTimer(MeterRegistry r, String task, String outcome) {
        return Timer.builder("ludicrous.tasks.run.time").tag("task", task).tag("outcome", outcome)
                .description("How long handlers ran").register(r);
    }

    @Override
    public void queued(String task, String queue) {
        Meters m = meters(task);
        if (m != null) {
            m.queued().increment();
        }
    }

    @Override
    public void started(String task, Duration queueLatency) {
        Meters m = meters(task);
        if (m != null) {
            m.started().increment();
            m.latency().record(queueLatency);
        }
    }

    @Override
    public void succeeded(String task, Duration runTime) {
        Meters m = meters(task);
        if (m != null) {
            m.succeeded().increment();
            m.runSuccess().record(runTime);
        }
    }

    @Override
    public void failed(String task, Duration runTime, Throwable error) {
        Meters m = meters(task);
        if (m != null) {
            m.failed().increment();
            m.runFailure().record(runTime);
        }
    }

    @Override
    public void retried(String task, Duration backoff) {
        Meters m = meters(task);
        if (m != null) {
            m.retried().increment();
        }
    }

    @Override
    public void dead(String task, String reason) {
        Meters m = meters(task);
        if (m != null) {
            m.dead().increment();
        }
    }
}
