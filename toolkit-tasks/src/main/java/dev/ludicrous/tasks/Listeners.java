package dev.ludicrous.tasks;

import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls every listener, and keeps a listener's exception away from the task. */
final class Listeners implements TaskListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final TaskListener[] listeners;

    Listeners(List<TaskListener> listeners) {
        this.listeners = listeners.toArray(new TaskListener[0]);
    }

    boolean isEmpty() {
        return listeners.length == 0;
    }

    @Override
    public void queued(String task, String queue) {
        for (TaskListener l : listeners) {
            try {
                l.queued(task, queue);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void started(String task, Duration queueLatency) {
        for (TaskListener l : listeners) {
            try {
                l.started(task, queueLatency);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void succeeded(String task, Duration runTime) {
        for (TaskListener l : listeners) {
            try {
                l.succeeded(task, runTime);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void failed(String task, Duration runTime, Throwable error) {
        for (TaskListener l : listeners) {
            try {
                l.failed(task, runTime, error);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void retried(String task, Duration backoff) {
        for (TaskListener l : listeners) {
            try {
                l.retried(task, backoff);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    @Override
    public void dead(String task, String reason) {
        for (TaskListener l : listeners) {
            try {
                l.dead(task, reason);
            } catch (RuntimeException e) {
                failed(l, e);
            }
        }
    }

    private static void failed(TaskListener listener, RuntimeException e) {
        LOG.warn("Task listener {} threw {}; the task is not affected", listener.getClass().getName(), e.toString());
    }
}
