package dev.ludicrous.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default broker: one bounded queue per queue name in this JVM, delayed tasks on one timer
 * thread. Arguments are handed over as objects, without encoding. Nothing survives the JVM.
 */
final class InProcessBroker implements Broker {
    private final int capacity;
    private final Duration offerTimeout;
    private final Map<String, BlockingQueue<TaskMessage>> queues = new ConcurrentHashMap<>();
    private final Map<String, TaskMessage> pendingByKey = new ConcurrentHashMap<>();
    private final AtomicInteger delayedCount = new AtomicInteger();
    private final Map<String, Long> claims = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;
    private final InProcessDeadLetters deadLetters;
    private volatile boolean closed;

    InProcessBroker(int capacity, Duration offerTimeout, int deadLetterCapacity) {
        this.capacity = capacity;
        this.offerTimeout = offerTimeout;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ludicrous-tasks-timer");
            thread.setDaemon(true);
            return thread;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        this.deadLetters = new InProcessDeadLetters(deadLetterCapacity, this);
    }

    @Override
    public List<TaskMessage> send(List<TaskMessage> messages) {
        List<TaskMessage> pending = new ArrayList<>(messages.size());
        for (TaskMessage message : messages) {
            pending.add(sendOne(message));
        }
        return pending;
    }

    private TaskMessage sendOne(TaskMessage message) {
        if (closed) {
            throw new TaskRejectedException("task '" + message.task() + "' was not queued: the in-process broker is shut down", null);
        }
        String key = message.idempotencyKey();
        if (key != null) {
            TaskMessage existing = pendingByKey.putIfAbsent(key, message);
            if (existing != null) {
                return existing;
            }
        }
        try {
            enqueue(message);
        } catch (RuntimeException e) {
            releaseKey(message);
            throw e;
        }
        return message;
    }

    void enqueue(TaskMessage message) {
        long wait = message.notBeforeMillis() - System.currentTimeMillis();
        if (wait > 0) {
            if (delayedCount.incrementAndGet() > capacity) {
                delayedCount.decrementAndGet();
                throw new TaskRejectedException("task '" + message.task() + "' was not queued: " + capacity
                        + " delayed tasks are already waiting in this JVM (queueCapacity)", null);
            }
            timer.schedule(() -> {
                delayedCount.decrementAndGet();
                putDue(message);
            }, wait, TimeUnit.MILLISECONDS);
            return;
        }
        boolean accepted;
        try {
            accepted = queue(message.queue()).offer(message, offerTimeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskRejectedException("task '" + message.task() + "' was not queued: interrupted while the queue '"
                    + message.queue() + "' was full", e);
        }
        if (!accepted) {
            throw new TaskRejectedException("task '" + message.task() + "' was not queued: queue '" + message.queue()
                    + "' stayed full (queueCapacity " + capacity + ") for " + offerTimeout, null);
        }
    }

    // On the timer thread a due task waits for room rather than being dropped: it was accepted already.
    private void putDue(TaskMessage message) {
        try {
            queue(message.queue()).put(message);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    BlockingQueue<TaskMessage> queue(String name) {
        return queues.computeIfAbsent(name, n -> new ArrayBlockingQueue<>(capacity));
    }

    void releaseKey(TaskMessage message) {
        String key = message.idempotencyKey();
        if (key != null) {
            pendingByKey.computeIfPresent(key, (k, held) -> held.id().equals(message.id()) ? null : held);
        }
    }

    @Override
    public boolean sendOnce(TaskMessage message, String claim, Duration claimTtl) {
        long now = System.currentTimeMillis();
        claims.values().removeIf(expiry -> expiry < now);
        if (claims.putIfAbsent(claim, now + claimTtl.toMillis()) != null) {
            return false;
        }
        sendOne(message);
        return true;
    }

    @Override
    public Receiver receiver(String queue, int prefetch) {
        return new InProcessReceiver(this, queue(queue));
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    InProcessDeadLetters inProcessDeadLetters() {
        return deadLetters;
    }

    void schedule(TaskMessage next) {
        long wait = Math.max(0, next.notBeforeMillis() - System.currentTimeMillis());
        // Retries were counted in when first sent; they wait for room instead of failing the worker.
        timer.schedule(() -> putDue(next), wait, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
    }
}
