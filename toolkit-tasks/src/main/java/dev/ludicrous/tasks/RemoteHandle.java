package dev.ludicrous.tasks;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The handle of a task whose state a broker records (Redis): {@link #status()} reads it, and
 * {@link #completion()} asks the {@link StatusWatcher} to poll it until it is final.
 */
final class RemoteHandle implements TaskHandle {
    private final String id;
    private final boolean duplicate;
    // Made by Tasks.handle(id): nothing recorded means the id is unknown, not "not sent yet".
    private final boolean byId;
    private final StatusWatcher watcher;
    private volatile String taskName;
    private volatile TaskState last;
    // A task buffered while Redis was down has no record yet: only a record that was seen and
    // then disappeared (it expired) turns the handle UNKNOWN.
    private volatile boolean seenRecord;
    private CompletableFuture<TaskStatus> completion;

    RemoteHandle(String id, String taskName, boolean duplicate, boolean byId, StatusWatcher watcher) {
        this.id = id;
        this.taskName = taskName;
        this.duplicate = duplicate;
        this.byId = byId;
        this.watcher = watcher;
        this.last = byId ? TaskState.UNKNOWN : new TaskState(TaskStatus.QUEUED, taskName, "");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String taskName() {
        return taskName;
    }

    @Override
    public TaskStatus status() {
        // Read even after a final status: a dead letter that is retried is queued again.
        TaskState read = watcher.read(id);
        if (read != null) {
            apply(read);
        }
        return last.status();
    }

    @Override
    public Optional<String> error() {
        String error = last.error();
        return error.isEmpty() ? Optional.empty() : Optional.of(error);
    }

    @Override
    public boolean duplicate() {
        return duplicate;
    }

    /** Takes a state read from the broker; returns whether the handle is now done (its stage completed). */
    boolean apply(TaskState state) {
        if (state.status() == TaskStatus.UNKNOWN) {
            if (!seenRecord && !byId) {
                return false; // not in Redis yet (buffered during an outage): still queued here
            }
            last = new TaskState(TaskStatus.UNKNOWN, taskName, "");
            complete(TaskStatus.UNKNOWN);
            return true;
        }
        seenRecord = true;
        if (taskName.isEmpty() && !state.taskName().isEmpty()) {
            taskName = state.taskName();
        }
        last = state;
        if (state.status().isFinal()) {
            complete(state.status());
            return true;
        }
        return false;
    }

    void fail(RuntimeException error) {
        CompletableFuture<TaskStatus> future;
        synchronized (this) {
            future = completion;
        }
        if (future != null) {
            future.completeExceptionally(error);
        }
    }

    private void complete(TaskStatus status) {
        CompletableFuture<TaskStatus> future;
        synchronized (this) {
            future = completion;
        }
        if (future != null) {
            future.complete(status);
        }
    }

    @Override
    public CompletionStage<TaskStatus> completion() {
        CompletableFuture<TaskStatus> future;
        boolean first;
        synchronized (this) {
            first = completion == null;
            if (first) {
                completion = new CompletableFuture<>();
            }
            future = completion;
        }
        TaskStatus now = last.status();
        if (now.isFinal() || (now == TaskStatus.UNKNOWN && seenRecord)) {
            future.complete(now);
        } else if (first) {
            watcher.watch(this);
        }
        return future.minimalCompletionStage();
    }

    @Override
    public String toString() {
        return "TaskHandle[" + taskName + " " + id + " " + last.status() + (duplicate ? " duplicate" : "") + "]";
    }
}
