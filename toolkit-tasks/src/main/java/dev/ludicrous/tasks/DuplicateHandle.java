package dev.ludicrous.tasks;

import java.util.concurrent.CompletionStage;

/** The handle of a {@code delay} that was a no-op: it follows the pending task that holds the key. */
final class DuplicateHandle implements TaskHandle {
    private final TaskHandle pending;

    DuplicateHandle(TaskHandle pending) {
        this.pending = pending;
    }

    @Override
    public String id() {
        return pending.id();
    }

    @Override
    public String taskName() {
        return pending.taskName();
    }

    @Override
    public TaskStatus status() {
        return pending.status();
    }

    @Override
    public boolean duplicate() {
        return true;
    }

    @Override
    public CompletionStage<TaskStatus> completion() {
        return pending.completion();
    }

    @Override
    public String toString() {
        return "TaskHandle[" + taskName() + " " + id() + " duplicate]";
    }
}
