package dev.ludicrous.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;

/**
 * Where the local tier's Caffeine maintenance (eviction, expiry, the eviction count) runs. Inline
 * on the calling thread by default: a hand-off to a pool per write costs more than the work on a
 * small, busy machine. During a bulk read it is deferred to the end and handed to the common pool
 * (Caffeine's default executor) once: filling a full local tier with 100 values evicts 100 others,
 * about 25 microseconds that would otherwise add a fifth to a {@code getAll} that costs one round
 * trip. Caffeine still evicts on the writing thread if its write buffer fills, so a bulk read never
 * holds more than that buffer beyond the bound.
 */
final class LocalMaintenance implements Executor {
    static final LocalMaintenance INSTANCE = new LocalMaintenance();

    private static final ThreadLocal<List<Runnable>> DEFERRED = new ThreadLocal<>();

    private LocalMaintenance() {
    }

    @Override
    public void execute(Runnable task) {
        List<Runnable> deferred = DEFERRED.get();
        if (deferred == null) {
            task.run();
        } else if (deferred.isEmpty() || deferred.get(deferred.size() - 1) != task) {
            deferred.add(task); // Caffeine hands the same task again while it has not run
        }
    }

    /** Starts deferring this thread's maintenance; returns whether it was not already deferred. */
    static boolean defer() {
        if (DEFERRED.get() != null) {
            return false;
        }
        DEFERRED.set(new ArrayList<>(2));
        return true;
    }

    /** Hands the maintenance deferred since {@link #defer()} returned {@code true} to the common pool. */
    static void runDeferred() {
        List<Runnable> deferred = DEFERRED.get();
        DEFERRED.remove();
        if (deferred != null) {
            for (Runnable task : deferred) {
                try {
                    ForkJoinPool.commonPool().execute(task);
                } catch (RejectedExecutionException e) {
                    task.run();
                }
            }
        }
    }
}
