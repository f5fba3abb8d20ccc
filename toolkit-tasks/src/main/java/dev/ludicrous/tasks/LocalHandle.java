package dev.ludicrous.tasks;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A handle whose status this JVM updates; the future is made only when someone asks for it. */
final class LocalHandle implements TaskHandle {
    private final String id;
    private final String taskName;
    private final boolean duplicate;
    private volatile TaskStatus status;
    private volatile String error;
    private CompletableFuture<TaskStatus> completion;

    LocalHandle(String id, String taskName, TaskStatus status, boolean duplicate) {
        this.id = id;
        this.taskName = taskName;
        this.status = status;
        this.duplicate = duplicate;
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
        return status;
    }

    @Override
    public boolean duplicate() {
        return duplicate;
    }

    @Override
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    void update(TaskStatus next) {
        update(next, null);
    }

    void update(TaskStatus next, String why) {
        error = why; // written before the status, so a reader that sees the status sees its error
        status = next;
        if (next.isFinal()) {
            CompletableFuture<TaskStatus> future;
            synchronized (this) {
                future = completion;
            }
            if (future != null) {
                future.complete(next);
            }
        }
    }

    @Override
    public CompletionStage<TaskStatus> completion() {
        CompletableFuture<TaskStatus> future;
        synchronized (this) {
            if (completion == null) {
                completion = new CompletableFuture<>();
            }
            future = completion;
        }
        TaskStatus now = status;
        if (now.isFinal()) {
            future.complete(now);
        }
        return future.minimalCompletionStage();
    }

    @Override
    public String toString() {
        return "TaskHandle[" + taskName + " " + id + " " + status + (duplicate ? " duplicate" : "") + "]";
    }
}
