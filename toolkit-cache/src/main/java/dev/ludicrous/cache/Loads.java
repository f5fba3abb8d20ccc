package dev.ludicrous.cache;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

/** Runs loaders: once per key at a time in this JVM (single flight), timed and counted. */
final class Loads<V> {
    private final Store<V> store;

    Loads(Store<V> store) {
        this.store = store;
    }

    /** Runs {@code work} for {@code key} unless a call for the same key is running; then waits for it. */
    V once(String key, Supplier<V> work) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = store.inflight.putIfAbsent(key, mine);
        if (running != null) {
            return await(running);
        }
        try {
            V value = work.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            store.inflight.remove(key, mine);
        }
    }

    V one(String key, Supplier<? extends V> loader) {
        long start = System.nanoTime();
        V value;
        try {
            value = loader.get();
        } catch (RuntimeException | Error e) {
            store.counters.loadFailures.increment();
            throw e;
        } finally {
            store.counters.loadNanos.add(System.nanoTime() - start);
        }
        if (value == null) {
            store.counters.loadFailures.increment();
            throw new NullPointerException("The loader for key '" + key + "' in cache '" + store.name
                    + "' returned null; a loader must return a value (wrap absence in a value of your own type)");
        }
        store.counters.loads.increment();
        return value;
    }

    Map<String, ? extends V> bulk(Set<String> keys,
            Function<? super Set<String>, ? extends Map<String, ? extends V>> loader) {
        long start = System.nanoTime();
        Map<String, ? extends V> values;
        try {
            values = loader.apply(keys);
        } catch (RuntimeException | Error e) {
            store.counters.loadFailures.increment();
            throw e;
        } finally {
            store.counters.loadNanos.add(System.nanoTime() - start);
        }
        store.counters.loads.increment();
        return Objects.requireNonNull(values, () -> "The bulk loader of cache '" + store.name + "' returned null");
    }

    @SuppressWarnings("unchecked")
    private static <V> V await(CompletableFuture<Object> running) {
        try {
            return (V) running.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
