package dev.ludicrous.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The worker threads of one queue on this node: take a task, run it, settle it. */
final class WorkerPool {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final long HAND_BACK_WAIT_MILLIS = 1_000;

    private final String queue;
    private final Receiver receiver;
    private final Map<String, Definition<?>> registry;
    private final Codec codec;
    private final Listeners listeners;
    private final ScheduledExecutorService timer;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile boolean aborted;
    private volatile boolean handingBack;

    WorkerPool(String queue, Receiver receiver, Map<String, Definition<?>> registry, Codec codec, Listeners listeners,
            ScheduledExecutorService timer, int concurrency) {
        this.queue = queue;
        this.receiver = receiver;
        this.registry = registry;
        this.codec = codec;
        this.listeners = listeners;
        this.timer = timer;
        for (int i = 0; i < concurrency; i++) {
            Thread thread = new Thread(this::loop, "ludicrous-tasks-" + queue + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
    }

    void start() {
        threads.forEach(Thread::start);
    }

    private void loop() {
        while (running) {
            List<TaskMessage> batch;
            try {
                batch = receiver.poll(1, POLL_TIMEOUT);
            } catch (InterruptedException e) {
                if (running) {
                    continue;
                }
                return;
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Worker of queue '{}' could not take tasks: {}", queue, e.toString());
                    pause();
                }
                continue;
            }
            for (int i = 0; i < batch.size(); i++) {
                if (!running && !aborted) {
                    // Shutting down: what we took but did not start goes back for another worker.
                    for (TaskMessage unstarted : batch.subList(i, batch.size())) {
                        safely(() -> receiver.release(unstarted));
                    }
                    break;
                }
                runSafely(batch.get(i));
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(POLL_TIMEOUT.toMillis()); // back off while the broker is unreachable
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runSafely(TaskMessage message) {
        try {
            run(message);
        } catch (RuntimeException | Error e) {
            // A broker error while settling: the message stays unsettled and the broker redelivers it.
            LOG.warn("Task '{}' {} could not be settled: {}; the broker will deliver it again", message.task(),
                    message.id(), e.toString());
        }
        if (!aborted) {
            Thread.interrupted(); // an interrupt meant for the task must not end the worker
        }
    }

    private void run(TaskMessage message) {
        Definition<?> definition = registry.get(message.task());
        if (definition == null) {
            dead(message, TaskStatus.DEAD, "unknown task '" + message.task() + "': no worker of queue '" + queue
                    + "' defines it", "");
            return;
        }
        Object args;
        try {
            args = message.localArgs != null ? message.localArgs : codec.decode(message.args(), definition.type());
        } catch (RuntimeException e) {
            dead(message, TaskStatus.DEAD, "arguments do not decode as " + definition.type().getName(), describe(e));
            return;
        }
        receiver.started(message);
        update(message, TaskStatus.RUNNING, null);
        if (!listeners.isEmpty()) {
            long due = Math.max(message.enqueuedAtMillis(), message.notBeforeMillis());
            listeners.started(message.task(), Duration.ofMillis(Math.max(0, System.currentTimeMillis() - due)));
        }
        long start = System.nanoTime();
        Throwable error = invoke(definition, args, message.timeLimitMillis());
        if (aborted) {
            return;
        }
        if (handingBack && error != null) {
            // Interrupted by shutdown after the grace period: another worker runs it, and it costs no attempt.
            receiver.release(message);
            update(message, TaskStatus.QUEUED, null);
            return;
        }
        Duration runTime = listeners.isEmpty() ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - start);
        if (error == null) {
            receiver.ack(message);
            update(message, TaskStatus.SUCCEEDED, null);
            listeners.succeeded(message.task(), runTime);
            return;
        }
        listeners.failed(message.task(), runTime, error);
        if (error instanceof PermanentTaskFailure) {
            dead(message, TaskStatus.FAILED, "handler failed permanently on attempt " + (message.attempt() + 1),
                    describe(error));
        } else if (message.attempt() < message.maxRetries()) {
            long wait = Backoff.millis(message);
            String why = "attempt " + (message.attempt() + 1) + " of " + (message.maxRetries() + 1) + " failed: "
                    + describe(error);
            receiver.retry(message, message.nextAttempt(System.currentTimeMillis() + wait), why);
            update(message, TaskStatus.RETRYING, why);
            listeners.retried(message.task(), Duration.ofMillis(wait));
        } else {
            dead(message, TaskStatus.FAILED, "handler failed after " + (message.attempt() + 1) + " attempts",
                    describe(error));
        }
    }

    @SuppressWarnings("unchecked")
    private Throwable invoke(Definition<?> definition, Object args, long timeLimitMillis) {
        TaskHandler<Object> handler = (TaskHandler<Object>) definition.handler();
        if (timeLimitMillis <= 0) {
            try {
                handler.run(args);
                return null;
            } catch (Exception | LinkageError | AssertionError e) {
                return e;
            }
        }
        TimeLimit limit = new TimeLimit(Thread.currentThread());
        ScheduledFuture<?> alarm = timer.schedule(limit, timeLimitMillis, TimeUnit.MILLISECONDS);
        Throwable error = null;
        try {
            handler.run(args);
        } catch (Exception | LinkageError | AssertionError e) {
            error = e;
        }
        alarm.cancel(false);
        if (limit.finish() && error != null) {
            TimeoutException timeout = new TimeoutException(
                    "task '" + definition.name() + "' ran past its time limit of " + Duration.ofMillis(timeLimitMillis));
            timeout.initCause(error);
            return timeout;
        }
        return error;
    }

    private void dead(TaskMessage message, TaskStatus status, String reason, String error) {
        receiver.deadLetter(message, status, reason, error);
        update(message, status, error.isEmpty() ? reason : reason + ": " + error);
        listeners.dead(message.task(), reason);
        LOG.warn("Task '{}' {} moved to the dead letters: {}{}", message.task(), message.id(), reason,
                error.isEmpty() ? "" : ": " + error);
    }

    private static void update(TaskMessage message, TaskStatus status, String error) {
        if (message.handle != null) {
            message.handle.update(status, error);
        }
    }

    /** The exception's class and message, then each cause's, so the dead letter says what went wrong. */
    static String describe(Throwable error) {
        StringBuilder out = new StringBuilder();
        Throwable current = error;
        for (int depth = 0; current != null && depth < 4; depth++, current = current.getCause()) {
            if (depth > 0) {
                out.append(" <- caused by ");
            }
            out.append(current.getClass().getName());
            if (current.getMessage() != null) {
                out.append(": ").append(current.getMessage());
            }
        }
        return out.toString();
    }

    private void safely(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Worker of queue '{}' could not hand a task back: {}", queue, e.toString());
        }
    }

    /** Stops taking tasks and lets running ones finish. */
    void stopTaking() {
        running = false;
    }

    /**
     * Waits for running tasks until the deadline, then interrupts them and hands their tasks back
     * to the broker; closes the receiver. Returns how many handlers were still running at the deadline.
     */
    int awaitStopped(long deadlineNanos) {
        int unfinished = 0;
        for (Thread thread : threads) {
            long left = deadlineNanos - System.nanoTime();
            try {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                unfinished++;
            }
        }
        if (unfinished > 0) {
            handingBack = true;
            threads.forEach(Thread::interrupt);
            for (Thread thread : threads) {
                try {
                    thread.join(HAND_BACK_WAIT_MILLIS); // let interrupted handlers return so their tasks are handed back
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        receiver.close();
        return unfinished;
    }

    /** Stops as a crashed node would: threads interrupted, nothing settled or handed back. */
    void abort() {
        aborted = true;
        running = false;
        receiver.abort();
        threads.forEach(Thread::interrupt);
    }
}
