package dev.ludicrous.tasks.redis;

import dev.ludicrous.tasks.Broker;
import dev.ludicrous.tasks.DeadLetters;
import dev.ludicrous.tasks.Receiver;
import dev.ludicrous.tasks.TaskMessage;
import dev.ludicrous.tasks.TaskRejectedException;
import dev.ludicrous.tasks.TaskState;
import dev.ludicrous.tasks.TaskStatus;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;

/**
 * A broker on Redis Streams, for apps on several nodes: every node that builds {@code Tasks} with
 * a {@code RedisBroker} on the same Redis and key prefix shares the queues.
 *
 * <ul>
 *   <li>Each queue is a stream read by one consumer group ({@code XREADGROUP}, batched); a task is
 *       acknowledged ({@code XACK}, batched) only after its handler returned or it was retried or
 *       dead-lettered, so a node that dies loses nothing.</li>
 *   <li>A live node renews its hold on the tasks it has; tasks whose node stopped renewing for
 *       the visibility timeout (it died) are claimed by a live node, and after the delivery cap
 *       they go to the dead-letter stream instead.</li>
 *   <li>Delayed tasks and retries wait in a sorted set and are moved to the stream by a Lua
 *       script that compares with Redis {@code TIME}, never with a node's clock.</li>
 *   <li>Streams are trimmed below the oldest entry that is not yet delivered and acknowledged.</li>
 *   <li>The status of a tracked task is recorded when it is sent and at each change, in the
 *       pipelines that send and settle tasks, as a field of a hash per 100 ms of task ids
 *       ({@code <prefix>:st:<first 7 characters of the id>}) kept {@link Builder#statusExpiry}
 *       after its last change; {@code TaskHandle} reads them on any node.</li>
 *   <li>With {@link Builder#outageBuffer(int)}, tasks sent while Redis cannot be reached wait in
 *       a bounded buffer in memory and are sent in order when it answers again.</li>
 * </ul>
 *
 * <p>Build it on a pooled client ({@code RedisClient} in Jedis 8), which it does not close. A
 * worker node holds up to four connections (one blocked in {@code XREADGROUP}); size the pool for
 * those plus the app's own use. Thread-safe.
 */
public final class RedisBroker implements Broker {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:{}-]{1,100}");

    final UnifiedJedis client;
    final RedisKeys keys;
    final Duration visibilityTimeout;
    final int deliveryCap;
    final Duration idempotencyTtl;
    final long deadLetterLimit;
    final Duration pollInterval;
    final Duration statusExpiry;
    final String consumer;
    private final OutageBuffer outageBuffer;
    private final RedisDeadLetters deadLetters;
    private final List<RedisReceiver> receivers = new CopyOnWriteArrayList<>();
    private RedisMaintenance maintenance;
    private volatile boolean closed;

    private RedisBroker(Builder b) {
        this.client = b.client;
        this.keys = new RedisKeys(b.keyPrefix);
        this.visibilityTimeout = b.visibilityTimeout;
        this.deliveryCap = b.deliveryCap;
        this.idempotencyTtl = b.idempotencyTtl;
        this.deadLetterLimit = b.deadLetterLimit;
        this.pollInterval = b.pollInterval;
        this.statusExpiry = b.statusExpiry;
        this.outageBuffer = b.outageBuffer > 0 ? new OutageBuffer(this, b.outageBuffer) : null;
        this.consumer = "node-" + Long.toUnsignedString(new SecureRandom().nextLong(), 36);
        this.deadLetters = new RedisDeadLetters(this);
    }

    /**
     * Returns a builder on a Redis client.
     *
     * @param client a pooled client such as {@code RedisClient.create("redis://127.0.0.1:6379")}
     * @return the builder
     */
    public static Builder builder(UnifiedJedis client) {
        return new Builder(client);
    }

    /**
     * Queues messages on Redis. When Redis cannot be reached and an {@link Builder#outageBuffer(int)}
     * is set, the messages wait in it instead (they count as pending) and are sent in order when
     * Redis answers; while the buffer holds tasks, new ones queue behind them. An idempotency key
     * is checked when a buffered task reaches Redis: a duplicate found then is dropped.
     *
     * @throws TaskRejectedException when Redis could not be reached (and the buffer is off or has
     *     no room for all of them), or refused the write
     */
    @Override
    public List<TaskMessage> send(List<TaskMessage> messages) {
        if (closed) {
            throw new TaskRejectedException("tasks were not queued: the Redis broker is closed", null);
        }
        if (outageBuffer != null && !outageBuffer.isEmpty()) {
            return outageBuffer.add(messages, null); // behind the tasks already waiting, in order
        }
        try {
            return sendNow(messages);
        } catch (JedisConnectionException e) {
            if (outageBuffer != null) {
                return outageBuffer.add(messages, e);
            }
            throw rejected(messages, e);
        } catch (JedisException e) {
            throw rejected(messages, e);
        }
    }

    static TaskRejectedException rejected(List<TaskMessage> messages, RuntimeException e) {
        String what = messages.size() == 1 ? "task '" + messages.get(0).task() + "' was not queued"
                : messages.size() + " tasks were not queued (some may have been)";
        return new TaskRejectedException(what + ": Redis could not be reached or refused the write: " + e.getMessage(), e);
    }

    /** Sends in one pipeline; throws the client's exception as it is. */
    List<TaskMessage> sendNow(List<TaskMessage> messages) {
        List<Response<Object>> keyed = new ArrayList<>(messages.size());
        try (AbstractPipeline pipeline = client.pipelined()) {
            // QUEUED before the tasks are queued, so that a worker's later change is never
            // overwritten. A task with an idempotency key is recorded by its script, only if it is sent.
            RedisStates.queued(this, pipeline, messages, System.currentTimeMillis());
            for (TaskMessage message : messages) {
                keyed.add(append(pipeline, message, true));
            }
            pipeline.sync();
        }
        List<TaskMessage> pending = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            TaskMessage message = messages.get(i);
            Response<Object> holder = keyed.get(i);
            String held = holder == null ? message.id() : text(holder.get());
            pending.add(held.equals(message.id()) ? message : message.pendingAs(held));
        }
        return pending;
    }

    @Override
    public boolean tracksStates() {
        return true;
    }

    @Override
    public List<TaskState> states(List<String> taskIds) {
        // One HMGET per states hash; ids made in the same 100 ms share one.
        Map<String, List<Integer>> byHash = new LinkedHashMap<>();
        for (int i = 0; i < taskIds.size(); i++) {
            byHash.computeIfAbsent(keys.states(taskIds.get(i)), h -> new ArrayList<>()).add(i);
        }
        List<Response<List<String>>> replies = new ArrayList<>(byHash.size());
        try (AbstractPipeline pipeline = client.pipelined()) {
            for (Map.Entry<String, List<Integer>> e : byHash.entrySet()) {
                replies.add(pipeline.hmget(e.getKey(), e.getValue().stream().map(taskIds::get).toArray(String[]::new)));
            }
            pipeline.sync();
        } catch (JedisException e) {
            throw new TaskRejectedException("task states could not be read: Redis could not be reached: "
                    + e.getMessage(), e);
        }
        TaskState[] states = new TaskState[taskIds.size()];
        int hash = 0;
        for (List<Integer> indexes : byHash.values()) {
            List<String> records = replies.get(hash++).get();
            for (int j = 0; j < indexes.size(); j++) {
                states[indexes.get(j)] = RedisStates.decode(records.get(j));
            }
        }
        return List.of(states);
    }

    /**
     * Returns how many tasks wait in the outage buffer for Redis to answer (0 without a buffer),
     * for health checks and gauges.
     *
     * @return how many tasks wait in the outage buffer
     */
    public int bufferedTasks() {
        return outageBuffer == null ? 0 : outageBuffer.size();
    }

    /**
     * Adds the commands that queue one message; returns the response naming the key holder, if it
     * has a key. A {@code fresh} message (sent by {@code delay}, not a retry) with an idempotency
     * key is recorded QUEUED by the script, only if it is sent.
     */
    Response<Object> append(AbstractPipeline pipeline, TaskMessage message, boolean fresh) {
        long delay = message.notBeforeMillis() <= 0 ? 0 : message.notBeforeMillis() - System.currentTimeMillis();
        String wire = message.toWire();
        if (message.idempotencyKey() != null) {
            boolean record = fresh && message.tracked();
            return pipeline.eval(RedisScripts.SEND_IDEMPOTENT,
                    List.of(keys.idempotency(message.idempotencyKey()), keys.stream(message.queue()),
                            keys.delayed(message.queue()), keys.states(message.id())),
                    List.of(message.id(), Long.toString(idempotencyTtl.toMillis()), wire, Long.toString(Math.max(0, delay)),
                            record ? RedisStates.encode(TaskStatus.QUEUED, message.task(), "") : "",
                            Long.toString(statusExpiry.toMillis() + Math.max(0, delay))));
        }
        if (delay > 0) {
            pipeline.eval(RedisScripts.SCHEDULE, List.of(keys.delayed(message.queue())), List.of(Long.toString(delay), wire));
        } else {
            pipeline.xadd(keys.stream(message.queue()), XAddParams.xAddParams(), Map.of("m", wire));
        }
        return null;
    }

    static String text(Object reply) {
        return reply instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                : String.valueOf(reply);
    }

    @Override
    public boolean sendOnce(TaskMessage message, String claim, Duration claimTtl) {
        try {
            Object sent = client.eval(RedisScripts.SEND_ONCE, List.of(keys.claim(claim), keys.stream(message.queue())),
                    List.of(Long.toString(claimTtl.toMillis()), message.toWire()));
            return ((Number) sent).longValue() == 1;
        } catch (JedisException e) {
            throw new TaskRejectedException("scheduled task '" + message.task() + "' was not sent: Redis could not be"
                    + " reached: " + e.getMessage(), e);
        }
    }

    /** Returns Redis {@code TIME}, so that every node's schedules follow one clock. */
    @Override
    public long currentTimeMillis() {
        try {
            List<?> time = (List<?>) client.eval("return redis.call('TIME')");
            return Long.parseLong(text(time.get(0))) * 1000 + Long.parseLong(text(time.get(1))) / 1000;
        } catch (JedisException e) {
            throw new TaskRejectedException("Redis could not be reached for its TIME: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized Receiver receiver(String queue, int prefetch) {
        RedisReceiver receiver = new RedisReceiver(this, queue, prefetch);
        receivers.add(receiver);
        receiver.start();
        if (maintenance == null) {
            maintenance = new RedisMaintenance(this, receivers);
            maintenance.start();
        }
        return receiver;
    }

    @Override
    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * Stops this node's maintenance thread (moving delayed tasks, recovery, trimming). The client
     * stays open. Tasks still in the outage buffer get one last attempt; those that cannot be sent
     * are logged as an error with their count, names and ids, and are lost.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (outageBuffer != null) {
            outageBuffer.close();
        }
        if (maintenance != null) {
            maintenance.stop();
        }
    }

    /** Builds a {@link RedisBroker}; {@link #build()} checks every setting. */
    public static final class Builder {
        private final UnifiedJedis client;
        private String keyPrefix = "ludicrous:tasks";
        private Duration visibilityTimeout = Duration.ofMinutes(1);
        private int deliveryCap = 5;
        private Duration idempotencyTtl = Duration.ofHours(24);
        private long deadLetterLimit = 100_000;
        private Duration pollInterval = Duration.ofMillis(100);
        private Duration statusExpiry = Duration.ofDays(1);
        private int outageBuffer;

        private Builder(UnifiedJedis client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /**
         * Sets the prefix of every key; nodes that share a prefix share the queues.
         *
         * @param keyPrefix 1 to 100 letters, digits or {@code _ . : { } -}; the default is {@code ludicrous:tasks}
         * @return this builder
         */
        public Builder keyPrefix(String keyPrefix) {
            this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
            return this;
        }

        /**
         * Sets how long the tasks of a node that stopped renewing its hold (it died) wait before
         * another node takes them over. A live node renews its hold every third of this time, so
         * handlers may run longer than it.
         *
         * @param visibilityTimeout at least 100 ms; the default is 1 minute
         * @return this builder
         */
        public Builder visibilityTimeout(Duration visibilityTimeout) {
            this.visibilityTimeout = Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
            return this;
        }

        /**
         * Sets how many times a task may be delivered without being acknowledged (its worker died
         * or hung each time) before it goes to the dead letters instead of being claimed again.
         *
         * @param deliveryCap 1 to 1000; the default is 5
         * @return this builder
         */
        public Builder deliveryCap(int deliveryCap) {
            this.deliveryCap = deliveryCap;
            return this;
        }

        /**
         * Sets how long an idempotency key is held at most (it is released when its task ends).
         *
         * @param idempotencyTtl positive; the default is 24 hours
         * @return this builder
         */
        public Builder idempotencyTtl(Duration idempotencyTtl) {
            this.idempotencyTtl = Objects.requireNonNull(idempotencyTtl, "idempotencyTtl");
            return this;
        }

        /**
         * Sets about how many dead letters are kept; beyond it the oldest are trimmed.
         *
         * @param deadLetterLimit at least 1; the default is 100000
         * @return this builder
         */
        public Builder deadLetterLimit(long deadLetterLimit) {
            this.deadLetterLimit = deadLetterLimit;
            return this;
        }

        /**
         * Sets how often a worker node moves due delayed tasks to their stream (the lateness of a
         * delayed task is at most about this long).
         *
         * @param pollInterval 10 ms to 10 s; the default is 100 ms
         * @return this builder
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = Objects.requireNonNull(pollInterval, "pollInterval");
            return this;
        }

        /**
         * Sets how long a task's recorded status is kept after its last change (Celery's
         * {@code result_expires}); a handle whose record expired reports {@code UNKNOWN}. A queued
         * task is recorded until it ends, however long it waits, and a retrying one until its
         * next attempt is due plus this time.
         *
         * @param statusExpiry 1 s to 365 days; the default is 1 day
         * @return this builder
         */
        public Builder statusExpiry(Duration statusExpiry) {
            this.statusExpiry = Objects.requireNonNull(statusExpiry, "statusExpiry");
            return this;
        }

        /**
         * Keeps up to this many tasks in memory while Redis cannot be reached, instead of failing
         * {@code delay}: they are sent in order, in batches, as soon as Redis answers again. When
         * the buffer is full, {@code delay} throws {@code TaskRejectedException}. Tasks still
         * buffered when the broker closes are logged as an error (count, names and ids) and lost;
         * a task can be sent twice if the connection broke after Redis stored it. Off by default.
         *
         * @param maxTasks 0 (off, the default) to 1000000
         * @return this builder
         */
        public Builder outageBuffer(int maxTasks) {
            this.outageBuffer = maxTasks;
            return this;
        }

        /**
         * Checks the settings and returns the broker. Nothing is sent to Redis until it is used.
         *
         * @return the broker
         * @throws IllegalArgumentException naming the first setting that is out of range
         */
        public RedisBroker build() {
            if (!PREFIX.matcher(keyPrefix).matches()) {
                throw new IllegalArgumentException(
                        "keyPrefix must be 1 to 100 letters, digits or _ . : { } -, but was '" + keyPrefix + "'");
            }
            if (visibilityTimeout.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("visibilityTimeout must be at least PT0.1S, but was " + visibilityTimeout);
            }
            if (deliveryCap < 1 || deliveryCap > 1000) {
                throw new IllegalArgumentException("deliveryCap must be between 1 and 1000, but was " + deliveryCap);
            }
            if (idempotencyTtl.isNegative() || idempotencyTtl.isZero()) {
                throw new IllegalArgumentException("idempotencyTtl must be positive, but was " + idempotencyTtl);
            }
            if (deadLetterLimit < 1) {
                throw new IllegalArgumentException("deadLetterLimit must be at least 1, but was " + deadLetterLimit);
            }
            if (pollInterval.compareTo(Duration.ofMillis(10)) < 0 || pollInterval.compareTo(Duration.ofSeconds(10)) > 0) {
                throw new IllegalArgumentException("pollInterval must be between PT0.01S and PT10S, but was " + pollInterval);
            }
            if (statusExpiry.compareTo(Duration.ofSeconds(1)) < 0 || statusExpiry.compareTo(Duration.ofDays(365)) > 0) {
                throw new IllegalArgumentException("statusExpiry must be between PT1S and PT8760H, but was " + statusExpiry);
            }
            if (outageBuffer < 0 || outageBuffer > 1_000_000) {
                throw new IllegalArgumentException("outageBuffer must be between 0 and 1000000, but was " + outageBuffer);
            }
            return new RedisBroker(this);
        }
    }
}
