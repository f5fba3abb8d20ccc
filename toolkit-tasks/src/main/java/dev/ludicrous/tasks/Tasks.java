package dev.ludicrous.tasks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: a registry of tasks, a client that queues them and, unless turned off, the
 * worker threads that run them. Built once with {@link #builder()}; immutable and thread-safe.
 *
 * <p>Without a broker, tasks run in this JVM on a bounded in-process queue. With
 * {@code RedisBroker} they are spread over every node that builds a {@code Tasks} on the same
 * Redis and key prefix. Delivery is at least once: a handler may run twice for one
 * {@code delay} (after a worker died before acknowledging), so handlers should be idempotent.
 *
 * <p>{@link #close()} stops taking tasks, lets running ones finish (up to the shutdown timeout),
 * hands back tasks that were fetched but not started, and closes the broker.
 */
public final class Tasks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Tasks.class);

    private final Map<String, Definition<?>> registry;
    private final Broker broker;
    private final boolean local;
    private final Codec codec;
    private final Listeners listeners;
    private final TaskIds ids = new TaskIds();
    private final Duration shutdownTimeout;
    private final ScheduledThreadPoolExecutor timer;
    private final List<WorkerPool> workers = new ArrayList<>();
    private final Scheduler scheduler;
    private final StatusWatcher watcher;
    private volatile boolean closed;

    private Tasks(Builder b) {
        this.registry = Map.copyOf(b.definitions);
        this.broker = b.broker != null ? b.broker
                : new InProcessBroker(b.queueCapacity, b.offerTimeout, b.deadLetterCapacity);
        this.local = broker instanceof InProcessBroker;
        this.codec = b.codec != null ? b.codec : defaultCodec();
        this.listeners = new Listeners(b.listeners);
        this.watcher = broker.tracksStates() ? new StatusWatcher(broker) : null;
        this.shutdownTimeout = b.shutdownTimeout;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "ludicrous-tasks-time-limits");
            thread.setDaemon(true);
            return thread;
        });
        this.timer.setRemoveOnCancelPolicy(true);
        if (b.worker) {
            for (String queue : b.queues) {
                workers.add(new WorkerPool(queue, broker.receiver(queue, b.prefetch), registry, codec, listeners,
                        timer, b.concurrency));
            }
            workers.forEach(WorkerPool::start);
        }
        if (b.worker && !b.schedules.isEmpty()) {
            List<Scheduler.Entry> entries = new ArrayList<>();
            for (Builder.PendingSchedule p : b.schedules) {
                entries.add(new Scheduler.Entry(p.name(), p.schedule(), registry.get(p.task()), p.args()));
            }
            scheduler = new Scheduler(entries, broker, this, b.scheduleTick.toMillis());
            scheduler.start();
        } else {
            scheduler = null;
        }
    }

    /**
     * Returns a builder with the defaults: in-process broker, workers on, queue {@code default}.
     *
     * @return a builder with the defaults: in-process broker, workers on, queue {@code default}
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Jackson 2 first (what earlier versions picked), then Jackson 3, then the basic codec. */
    static Codec defaultCodec() {
        if (present("com.fasterxml.jackson.databind.ObjectMapper")) {
            return JacksonSupport.codec();
        }
        if (present("tools.jackson.databind.ObjectMapper")) {
            return Jackson3Support.codec();
        }
        return new BasicCodec();
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, Tasks.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /**
     * Returns a registered task, for calling {@code delay} on it.
     *
     * @param name the name given to {@link Builder#task}
     * @param type its argument type, as registered
     * @param <A> the argument type
     * @return the task
     * @throws IllegalArgumentException when no task has that name, or its argument type differs
     */
    @SuppressWarnings("unchecked")
    public <A> Task<A> task(String name, Class<A> type) {
        Definition<?> definition = registry.get(name);
        if (definition == null) {
            throw new IllegalArgumentException("no task named '" + name + "'; registered: " + registry.keySet());
        }
        if (definition.type() != type) {
            throw new IllegalArgumentException("task '" + name + "' takes " + definition.type().getName() + ", not "
                    + type.getName());
        }
        return new Task<>(this, (Definition<A>) definition);
    }

    /**
     * Returns the dead letters of the broker: tasks that could not be run, with why.
     *
     * @return the dead letters of the broker: tasks that could not be run, with why
     */
    public DeadLetters deadLetters() {
        return broker.deadLetters();
    }

    <A> List<TaskHandle> send(Definition<A> definition, List<? extends A> argsList, TaskOptions callOptions) {
        if (closed) {
            throw new TaskRejectedException("task '" + definition.name() + "' was not queued: Tasks is shut down", null);
        }
        TaskOptions o = callOptions == null ? definition.options() : callOptions.over(definition.options());
        long now = System.currentTimeMillis();
        long notBefore = o.eta != null ? o.eta.toEpochMilli()
                : o.countdown != null && !o.countdown.isZero() ? now + o.countdown.toMillis() : 0;
        List<TaskMessage> messages = new ArrayList<>(argsList.size());
        for (A args : argsList) {
            messages.add(message(definition, args, o, now, notBefore));
        }
        List<TaskMessage> pending = broker.send(messages);
        List<TaskHandle> handles = new ArrayList<>(pending.size());
        for (int i = 0; i < pending.size(); i++) {
            TaskMessage sent = messages.get(i);
            TaskMessage held = pending.get(i);
            boolean duplicate = !held.id().equals(sent.id());
            if (duplicate) {
                handles.add(held.handle != null ? new DuplicateHandle(held.handle) : remoteHandle(held, true));
            } else {
                handles.add(sent.handle != null ? sent.handle : remoteHandle(sent, false));
                if (!listeners.isEmpty()) {
                    listeners.queued(definition.name(), o.queue);
                }
            }
        }
        return handles;
    }

    private TaskHandle remoteHandle(TaskMessage message, boolean duplicate) {
        if (watcher != null && message.tracked()) {
            return new RemoteHandle(message.id(), message.task(), duplicate, false, watcher);
        }
        return new LocalHandle(message.id(), message.task(), TaskStatus.QUEUED, duplicate);
    }

    /**
     * Returns a handle on a task by its id, such as one stored by an earlier request: Celery's
     * {@code AsyncResult(id)}. Its status is {@link TaskStatus#UNKNOWN} when nothing is recorded
     * for the id (never sent, sent with {@code trackStatus(false)}, or expired), and its
     * {@code completion()} then completes with {@code UNKNOWN}.
     *
     * @param id a task id from {@link TaskHandle#id()}
     * @return the handle; it reads the state from the broker
     * @throws UnsupportedOperationException when the broker records no states (the in-process
     *     broker: keep the handle that {@code delay} returned)
     */
    public TaskHandle handle(String id) {
        Objects.requireNonNull(id, "id");
        if (watcher == null) {
            throw new UnsupportedOperationException("the " + (local ? "in-process broker" : broker.getClass().getName())
                    + " records no task states by id: keep the TaskHandle that delay returned");
        }
        return new RemoteHandle(id, "", false, true, watcher);
    }

    private TaskMessage message(Definition<?> definition, Object args, TaskOptions o, long now, long notBefore) {
        Objects.requireNonNull(args, "args");
        String id = ids.next();
        String encoded = null;
        LocalHandle handle = null;
        if (local) {
            handle = new LocalHandle(id, definition.name(), TaskStatus.QUEUED, false);
        } else {
            try {
                encoded = codec.encode(args);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("arguments of task '" + definition.name() + "' do not encode: "
                        + e.getMessage(), e);
            }
        }
        long timeLimit = o.timeLimit == null ? 0 : o.timeLimit.toMillis();
        return new TaskMessage(id, definition.name(), o.queue, 0, now, notBefore, o.idempotencyKey, o.maxRetries,
                o.backoff.toMillis(), o.maxBackoff.toMillis(), o.jitter, timeLimit, encoded, null, local ? args : null,
                handle, o.trackStatus);
    }

    boolean sendScheduled(Scheduler.Entry entry, String claim) {
        TaskOptions o = entry.definition().options();
        TaskMessage message = message(entry.definition(), entry.args(), o, System.currentTimeMillis(), 0);
        boolean sent = broker.sendOnce(message, claim, entry.schedule().claimTtl());
        if (sent && !listeners.isEmpty()) {
            listeners.queued(entry.definition().name(), o.queue);
        }
        return sent;
    }

    <A> java.util.concurrent.CompletionStage<TaskHandle> sendAfterCommit(Definition<A> definition,
            TransactionHook transaction, A args, TaskOptions options) {
        if (!local) {
            try {
                codec.encode(args);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("arguments of task '" + definition.name() + "' do not encode: "
                        + e.getMessage(), e);
            }
        }
        java.util.concurrent.CompletableFuture<TaskHandle> sent = new java.util.concurrent.CompletableFuture<>();
        transaction.onCompletion(committed -> {
            if (!Boolean.TRUE.equals(committed)) {
                sent.completeExceptionally(new java.util.concurrent.CancellationException(
                        "task '" + definition.name() + "' was not sent: the transaction rolled back"));
                return;
            }
            try {
                sent.complete(send(definition, List.of(args), options).get(0));
            } catch (RuntimeException e) {
                LOG.error("Task '{}' was not sent after its transaction committed: {}", definition.name(), e.getMessage());
                sent.completeExceptionally(e);
            }
        });
        return sent;
    }

    /**
     * Shuts down within the builder's shutdown timeout: see {@link #shutdown(Duration)}.
     */
    @Override
    public void close() {
        shutdown(shutdownTimeout);
    }

    /**
     * Stops taking new tasks, lets running handlers finish for up to {@code timeout}, then
     * interrupts them and hands their tasks back to the broker (without counting an attempt), as
     * it does with tasks fetched but not started; the broker is closed. Tasks still queued in the
     * in-process broker are not run. Stages of {@link TaskHandle#completion()} still waiting
     * fail with {@link IllegalStateException}.
     *
     * @param timeout how long to wait for running handlers
     * @return {@code true} when every running handler finished in time
     */
    public boolean shutdown(Duration timeout) {
        if (closed) {
            return true;
        }
        closed = true;
        if (scheduler != null) {
            scheduler.stop();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        workers.forEach(WorkerPool::stopTaking);
        int unfinished = 0;
        for (WorkerPool pool : workers) {
            unfinished += pool.awaitStopped(deadline);
        }
        timer.shutdownNow();
        if (watcher != null) {
            watcher.close();
        }
        broker.close();
        if (unfinished > 0) {
            LOG.warn("Tasks shut down with {} handlers still running after {}; they were interrupted", unfinished, timeout);
        }
        return unfinished == 0;
    }

    /** Stops as a crashed node would, for tests of recovery: threads interrupted, nothing acknowledged. */
    void abort() {
        closed = true;
        if (scheduler != null) {
            scheduler.stop();
        }
        workers.forEach(WorkerPool::abort);
        timer.shutdownNow();
        if (watcher != null) {
            watcher.close();
        }
        broker.close();
    }

    /** Builds {@link Tasks}; {@link #build()} checks every setting. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Definition<?>> definitions = new LinkedHashMap<>();
        private final List<TaskListener> listeners = new ArrayList<>();
        private Broker broker;
        private Codec codec;
        private TaskOptions defaults = TaskOptions.DEFAULTS;
        private boolean worker = true;
        private Set<String> queues = Set.of("default");
        private int concurrency = Math.max(2, Runtime.getRuntime().availableProcessors());
        private Integer prefetch;
        private int queueCapacity = 10_000;
        private Duration offerTimeout = Duration.ofSeconds(1);
        private int deadLetterCapacity = 10_000;
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private final List<PendingSchedule> schedules = new ArrayList<>();
        private Duration scheduleTick = Duration.ofSeconds(1);

        private record PendingSchedule(String name, Schedule schedule, String task, Object args) {
        }

        private Builder() {
        }

        /**
         * Adds a recurring task. Every worker node that registers the same schedule name takes part,
         * and exactly one of them sends the task each period (needs a broker with {@code sendOnce}:
         * both built-in brokers have it). Nodes built with {@code worker(false)} do not fire schedules.
         *
         * @param name 1 to 100 letters, digits or {@code _ . : -}; the same on every node
         * @param schedule when it fires, such as {@code Schedule.every(Duration.ofMinutes(5))}
         * @param task the name of a task registered on this builder
         * @param args the arguments each run gets, of the task's argument type
         * @return this builder
         */
        public Builder schedule(String name, Schedule schedule, String task, Object args) {
            Objects.requireNonNull(name, "name");
            if (!TaskOptions.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("schedule name must be 1 to 100 letters, digits or _ . : -, but was '"
                        + name + "'");
            }
            if (schedules.stream().anyMatch(p -> p.name().equals(name))) {
                throw new IllegalArgumentException("schedule name must be unique, but '" + name + "' is added twice");
            }
            schedules.add(new PendingSchedule(name, Objects.requireNonNull(schedule, "schedule"),
                    Objects.requireNonNull(task, "task"), Objects.requireNonNull(args, "args")));
            return this;
        }

        /**
         * Sets how often this node checks whether a schedule is due (how late a period may fire).
         *
         * @param scheduleTick 10 ms to 1 minute; the default is 1 s
         * @return this builder
         */
        public Builder scheduleTick(Duration scheduleTick) {
            this.scheduleTick = Objects.requireNonNull(scheduleTick, "scheduleTick");
            return this;
        }

        /**
         * Registers a task with the default options.
         *
         * @param name 1 to 100 letters, digits or {@code _ . : -}; the same on every node
         * @param type the argument type (a record is a good fit)
         * @param handler what the task does
         * @param <A> the argument type
         * @return this builder
         */
        public <A> Builder task(String name, Class<A> type, TaskHandler<? super A> handler) {
            return task(name, type, TaskOptions.none(), handler);
        }

        /**
         * Registers a task with its own options (calls may override them).
         *
         * @param name 1 to 100 letters, digits or {@code _ . : -}; the same on every node
         * @param type the argument type
         * @param options the task's options, over the builder's defaults
         * @param handler what the task does
         * @param <A> the argument type
         * @return this builder
         */
        public <A> Builder task(String name, Class<A> type, TaskOptions options, TaskHandler<? super A> handler) {
            Objects.requireNonNull(name, "name");
            if (!TaskOptions.NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("task name must be 1 to 100 letters, digits or _ . : -, but was '"
                        + name + "'");
            }
            if (definitions.containsKey(name)) {
                throw new IllegalArgumentException("task name must be unique, but '" + name + "' is registered twice");
            }
            definitions.put(name, new Definition<>(name, type, handler, Objects.requireNonNull(options, "options")));
            return this;
        }

        /**
         * Sets the broker; the default is a bounded in-process queue. {@link Tasks#close()} closes it.
         *
         * @param broker such as {@code RedisBroker.builder(client).build()}
         * @return this builder
         */
        public Builder broker(Broker broker) {
            this.broker = Objects.requireNonNull(broker, "broker");
            return this;
        }

        /**
         * Sets the codec of arguments for brokers that cross processes; the default is JSON via
         * Jackson 2 when it is on the class path, else via Jackson 3, else the basic codec.
         *
         * @param codec the codec
         * @return this builder
         */
        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets the options every task starts from (queue, retries, back-off, time limit).
         *
         * @param defaults options over the built-in defaults
         * @return this builder
         */
        public Builder defaults(TaskOptions defaults) {
            this.defaults = Objects.requireNonNull(defaults, "defaults").over(TaskOptions.DEFAULTS);
            return this;
        }

        /**
         * Turns this node's workers on (the default) or off, for nodes that only queue tasks.
         *
         * @param worker whether to run tasks here
         * @return this builder
         */
        public Builder worker(boolean worker) {
            this.worker = worker;
            return this;
        }

        /**
         * Sets the queues this node's workers take tasks from; the default is {@code default}.
         *
         * @param queues one or more queue names
         * @return this builder
         */
        public Builder queues(String... queues) {
            Set<String> names = new LinkedHashSet<>();
            for (String queue : queues) {
                names.add(TaskOptions.builder().queue(queue).build().queue);
            }
            if (names.isEmpty()) {
                throw new IllegalArgumentException("queues must name at least one queue, but was empty");
            }
            this.queues = names;
            return this;
        }

        /**
         * Sets how many tasks of each queue run at once on this node (one thread each).
         *
         * @param concurrency 1 to 1024; the default is the number of processors, at least 2
         * @return this builder
         */
        public Builder concurrency(int concurrency) {
            this.concurrency = concurrency;
            return this;
        }

        /**
         * Sets how many tasks a node fetches ahead of its workers (Redis reads them in batches of
         * this size). Larger is faster for short tasks; smaller keeps slow tasks from waiting behind
         * each other on one node.
         *
         * @param prefetch 1 to 10000; the default is 4 per worker thread, at least 16
         * @return this builder
         */
        public Builder prefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /**
         * Sets the bound of each in-process queue, and of delayed in-process tasks.
         *
         * @param queueCapacity at least 1; the default is 10000
         * @return this builder
         */
        public Builder queueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
            return this;
        }

        /**
         * Sets how long {@code delay} waits for room in a full in-process queue before it throws
         * {@link TaskRejectedException}.
         *
         * @param offerTimeout zero or positive; the default is 1 s
         * @return this builder
         */
        public Builder offerTimeout(Duration offerTimeout) {
            this.offerTimeout = Objects.requireNonNull(offerTimeout, "offerTimeout");
            return this;
        }

        /**
         * Sets how many dead letters the in-process broker keeps; beyond it the oldest is dropped with a warning.
         *
         * @param deadLetterCapacity at least 1; the default is 10000
         * @return this builder
         */
        public Builder deadLetterCapacity(int deadLetterCapacity) {
            this.deadLetterCapacity = deadLetterCapacity;
            return this;
        }

        /**
         * Sets how long {@link Tasks#close()} waits for running handlers.
         *
         * @param shutdownTimeout zero or positive; the default is 30 s
         * @return this builder
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /**
         * Adds a listener of task events, such as {@code dev.ludicrous.tasks.micrometer.TasksMetrics}.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(TaskListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Checks the settings and starts the workers (unless {@link #worker(boolean)} is off).
         *
         * @return the tasks
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public Tasks build() {
            range("concurrency", concurrency, 1, 1024);
            if (prefetch == null) {
                prefetch = Math.max(16, 4 * concurrency);
            }
            range("prefetch", prefetch, 1, 10_000);
            range("queueCapacity", queueCapacity, 1, Integer.MAX_VALUE);
            range("deadLetterCapacity", deadLetterCapacity, 1, Integer.MAX_VALUE);
            notNegative("offerTimeout", offerTimeout);
            notNegative("shutdownTimeout", shutdownTimeout);
            Map<String, Definition<?>> merged = new LinkedHashMap<>();
            Codec effectiveCodec = codec != null ? codec : defaultCodec();
            for (Definition<?> d : definitions.values()) {
                if (broker != null && !effectiveCodec.supports(d.type())) {
                    throw new IllegalArgumentException("codec " + effectiveCodec.getClass().getSimpleName()
                            + " cannot encode " + d.type().getName() + ", the argument type of task '" + d.name()
                            + "': " + BasicCodec.unsupported(d.type()));
                }
                merged.put(d.name(), withOptions(d, d.options().over(defaults)));
            }
            definitions.clear();
            definitions.putAll(merged);
            if (scheduleTick.compareTo(Duration.ofMillis(10)) < 0 || scheduleTick.compareTo(Duration.ofMinutes(1)) > 0) {
                throw new IllegalArgumentException("scheduleTick must be between PT0.01S and PT1M, but was " + scheduleTick);
            }
            for (PendingSchedule p : schedules) {
                Definition<?> d = definitions.get(p.task());
                if (d == null) {
                    throw new IllegalArgumentException("schedule '" + p.name() + "' names task '" + p.task()
                            + "', which is not registered; registered: " + definitions.keySet());
                }
                if (!d.type().isInstance(p.args())) {
                    throw new IllegalArgumentException("schedule '" + p.name() + "' gives task '" + p.task() + "' a "
                            + p.args().getClass().getName() + ", but it takes " + d.type().getName());
                }
            }
            return new Tasks(this);
        }

        private static <A> Definition<A> withOptions(Definition<A> d, TaskOptions options) {
            return new Definition<>(d.name(), d.type(), d.handler(), options);
        }

        private static void range(String setting, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(setting + " must be between " + min + " and " + max + ", but was " + value);
            }
        }

        private static void notNegative(String setting, Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(setting + " must not be negative, but was " + value);
            }
        }
    }
}
