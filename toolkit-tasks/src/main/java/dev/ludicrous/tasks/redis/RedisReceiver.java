package dev.ludicrous.tasks.redis;

import dev.ludicrous.tasks.Receiver;
import dev.ludicrous.tasks.TaskMessage;
import dev.ludicrous.tasks.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One node's reader of one queue. A fetcher thread reads batches into a local buffer (never more
 * than {@code prefetch} unsettled tasks at once); worker threads poll the buffer; an acker thread
 * writes settlements in batches: one pipeline with the retries and dead letters first, then one
 * {@code XACK} for every id, so that a task is never acknowledged before its follow-up is stored.
 */
final class RedisReceiver implements Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(RedisReceiver.class);
    private static final int BLOCK_MILLIS = 500;
    private static final int FLUSH_BATCH = 1_000;
    // How soon the acker records RUNNING when no settlement wakes it (a long task on a quiet node).
    private static final int RUNNING_WRITE_MILLIS = 20;

    private enum Kind { ACK, RETRY, DEAD, RELEASE, DEAD_RAW }

    private record Settlement(Kind kind, TaskMessage message, TaskMessage next, String reason, String error,
            String tag, String raw, TaskStatus status) {
        Settlement(Kind kind, TaskMessage message, TaskMessage next, String reason, String error, String tag, String raw) {
            this(kind, message, next, reason, error, tag, raw, null);
        }
    }

    private static final class Started {
        final TaskMessage message;
        boolean written; // acker thread only

        Started(TaskMessage message) {
            this.message = message;
        }
    }

    private final RedisBroker broker;
    final String queue;
    final String stream;
    // XACK takes the ids as the text they were read as: no parsing back into StreamEntryID per task.
    private final byte[] streamBytes;
    private static final byte[] GROUP_BYTES = RedisKeys.GROUP.getBytes(StandardCharsets.UTF_8);
    private final int prefetch;
    // Tasks taken from Redis and not yet settled; the fetcher and recovery keep it near prefetch.
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore settled = new Semaphore(0);
    // Entry ids this node holds (read or claimed, not yet acknowledged): the heartbeat keeps them claimed.
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<TaskMessage> buffer = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Settlement> settlements = new LinkedBlockingQueue<>();
    // Tracked tasks whose handler runs now, by delivery tag. The acker records them RUNNING in its
    // next flush unless they settle first: a map entry per task instead of a queued settlement,
    // and no RUNNING write at all for tasks that end before the acker looks (most short ones).
    private final ConcurrentHashMap<String, Started> running = new ConcurrentHashMap<>();
    private volatile boolean startedUnwritten;
    private final Thread fetcher;
    private final Thread acker;
    private volatile boolean closed;
    private volatile boolean aborted;
    private volatile boolean ackerDone;
    private boolean fetchFailing;

    RedisReceiver(RedisBroker broker, String queue, int prefetch) {
        this.broker = broker;
        this.queue = queue;
        this.stream = broker.keys.stream(queue);
        this.streamBytes = stream.getBytes(StandardCharsets.UTF_8);
        this.prefetch = prefetch;
        this.fetcher = new Thread(this::fetchLoop, "ludicrous-tasks-redis-fetch-" + queue);
        this.acker = new Thread(this::ackLoop, "ludicrous-tasks-redis-ack-" + queue);
        fetcher.setDaemon(true);
        acker.setDaemon(true);
    }

    void start() {
        ensureGroup();
        fetcher.start();
        acker.start();
    }

    void ensureGroup() {
        try {
            // From id 0, so that tasks sent before the first worker started are not skipped.
            broker.client.xgroupCreate(stream, RedisKeys.GROUP, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                throw e;
            }
        } catch (JedisException e) {
            LOG.warn("Redis could not be reached to create the consumer group of queue '{}': {}; retrying while fetching",
                    queue, e.getMessage());
        }
    }

    private void fetchLoop() {
        XReadGroupParams params = XReadGroupParams.xReadGroupParams();
        while (!closed) {
            settled.drainPermits();
            int wanted = room();
            // Read in batches: while the workers still have tasks buffered, wait for half the room.
            if (wanted <= 0 || (wanted < fetchBatch() && !buffer.isEmpty())) {
                try {
                    settled.tryAcquire(BLOCK_MILLIS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    // closed is checked by the loop
                }
                continue;
            }
            try {
                List<Map.Entry<String, List<StreamEntry>>> read = broker.client.xreadGroup(RedisKeys.GROUP,
                        broker.consumer, params.count(wanted).block(BLOCK_MILLIS),
                        Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
                if (read != null && !aborted) {
                    for (Map.Entry<String, List<StreamEntry>> entries : read) {
                        deliver(entries.getValue());
                    }
                }
                if (fetchFailing) {
                    fetchFailing = false;
                    LOG.info("Redis is reachable again; queue '{}' is being fetched", queue);
                }
            } catch (JedisDataException e) {
                if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                    ensureGroup();
                } else {
                    failedFetch(e);
                }
            } catch (RuntimeException e) {
                failedFetch(e); // also what is not a Jedis error: the fetcher must outlive any one read
            }
        }
    }

    /** How many more tasks this node may take now. */
    int room() {
        return prefetch - inFlight.get();
    }

    private void failedFetch(RuntimeException e) {
        if (closed) {
            return;
        }
        if (!fetchFailing) {
            fetchFailing = true;
            LOG.warn("Redis could not be read for queue '{}': {}; retrying until it is back", queue, e.getMessage());
        }
        try {
            Thread.sleep(BLOCK_MILLIS); // waiting for Redis to come back, not for a test condition
        } catch (InterruptedException ignored) {
            // closed is checked by the loop
        }
    }

    /** Puts read or claimed entries in the buffer; each counts as in flight until it is settled. */
    void deliver(List<StreamEntry> entries) {
        inFlight.addAndGet(entries.size());
        for (StreamEntry entry : entries) {
            String tag = entry.getID().toString();
            held.add(tag);
            String raw = entry.getFields() == null ? null : entry.getFields().get("m");
            try {
                buffer.add(TaskMessage.fromWire(raw == null ? "" : raw).withDeliveryTag(tag));
            } catch (IllegalArgumentException e) {
                settle(new Settlement(Kind.DEAD_RAW, null, null, "message does not decode", e.getMessage(), tag,
                        raw == null ? "" : raw));
            }
        }
    }

    @Override
    public List<TaskMessage> poll(int max, Duration timeout) throws InterruptedException {
        return Receiver.pollBatch(buffer, max, timeout);
    }

    @Override
    public void started(TaskMessage delivered) {
        if (delivered.tracked() && !aborted && delivered.deliveryTag() != null) {
            running.put(delivered.deliveryTag(), new Started(delivered));
            startedUnwritten = true;
        }
    }

    @Override
    public void ack(TaskMessage delivered) {
        settle(new Settlement(Kind.ACK, delivered, null, null, null, delivered.deliveryTag(), null));
    }

    @Override
    public void retry(TaskMessage delivered, TaskMessage next) {
        settle(new Settlement(Kind.RETRY, delivered, next, null, null, delivered.deliveryTag(), null));
    }

    @Override
    public void retry(TaskMessage delivered, TaskMessage next, String error) {
        settle(new Settlement(Kind.RETRY, delivered, next, null, error, delivered.deliveryTag(), null));
    }

    @Override
    public void deadLetter(TaskMessage delivered, String reason, String error) {
        deadLetter(delivered, TaskStatus.DEAD, reason, error);
    }

    @Override
    public void deadLetter(TaskMessage delivered, TaskStatus status, String reason, String error) {
        settle(new Settlement(Kind.DEAD, delivered, null, reason, error, delivered.deliveryTag(), null, status));
    }

    @Override
    public void release(TaskMessage delivered) {
        settle(new Settlement(Kind.RELEASE, delivered, null, null, null, delivered.deliveryTag(), null));
    }

    private void settle(Settlement settlement) {
        if (aborted) {
            return;
        }
        if (settlement.tag() != null && settlement.message() != null && settlement.message().tracked()) {
            running.remove(settlement.tag()); // before it is queued: the acker never records RUNNING after its end
        }
        settlements.add(settlement);
        int room = prefetch - inFlight.decrementAndGet();
        // Wake the fetcher only when it would read (see fetchLoop): a wake-up per task costs a
        // context switch per task, on the cores the workers need.
        if (room >= fetchBatch() || buffer.isEmpty()) {
            settled.release();
        }
    }

    /** The room the fetcher waits for while the workers still have tasks buffered. */
    private int fetchBatch() {
        return Math.max(1, prefetch / 2);
    }

    private void ackLoop() {
        List<Settlement> batch = new ArrayList<>();
        boolean failing = false;
        while (!aborted) {
            if (batch.isEmpty()) {
                Settlement first;
                try {
                    first = settlements.poll(startedUnwritten ? RUNNING_WRITE_MILLIS : BLOCK_MILLIS,
                            TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    continue;
                }
                if (first == null) {
                    if (ackerDone) {
                        return;
                    }
                    if (!startedUnwritten) {
                        continue;
                    }
                } else {
                    batch.add(first);
                    settlements.drainTo(batch, FLUSH_BATCH - 1);
                }
            }
            try {
                flush(batch);
                batch.clear();
                if (failing) {
                    failing = false;
                    LOG.info("Redis is reachable again; settlements of queue '{}' are written", queue);
                }
            } catch (JedisDataException e) {
                drop(batch, e);
            } catch (JedisException e) {
                if (!failing) {
                    failing = true;
                    LOG.warn("Redis could not take {} settlements of queue '{}': {}; retrying (unsettled tasks are"
                            + " redelivered after the visibility timeout if this node stops)", batch.size(), queue,
                            e.getMessage());
                }
                if (ackerDone) {
                    return;
                }
                try {
                    Thread.sleep(BLOCK_MILLIS); // waiting for Redis to come back
                } catch (InterruptedException ignored) {
                    // aborted is checked by the loop
                }
            } catch (RuntimeException e) {
                drop(batch, e);
            }
        }
    }

    // Not an outage: retrying the same batch would fail the same way. Its tasks stay pending and
    // are redelivered after the visibility timeout.
    private void drop(List<Settlement> batch, RuntimeException e) {
        LOG.error("Could not write {} settlements of queue '{}': {}", batch.size(), queue, e.toString());
        for (Settlement s : batch) {
            if (s.tag() != null) {
                held.remove(s.tag());
            }
        }
        batch.clear();
    }

    private void flush(List<Settlement> batch) {
        byte[][] ids = new byte[batch.size()][];
        int acked = 0;
        // One state per task and batch (the last change wins), written by one command.
        RedisStates states = new RedisStates(broker);
        try (AbstractPipeline pipeline = broker.client.pipelined()) {
            for (Settlement s : batch) {
                TaskMessage m = s.message();
                switch (s.kind()) {
                    case RETRY -> {
                        broker.append(pipeline, s.next(), false);
                        states.put(m, TaskStatus.RETRYING, s.error(),
                                s.next().notBeforeMillis() - System.currentTimeMillis());
                    }
                    case DEAD -> {
                        pipeline.xadd(broker.keys.dead(), deadParams(), deadFields(m.toWire(), s.reason(), s.error(),
                                m.attempt() + 1));
                        String why = s.error() == null || s.error().isEmpty() ? s.reason() : s.reason() + ": " + s.error();
                        states.put(m, s.status() == null ? TaskStatus.DEAD : s.status(), why, 0);
                    }
                    case DEAD_RAW -> pipeline.xadd(broker.keys.dead(), deadParams(), deadFields(s.raw(), s.reason(),
                            s.error(), 1));
                    case RELEASE -> {
                        pipeline.xadd(stream, XAddParams.xAddParams(), Map.of("m", m.toWire()));
                        states.put(m, TaskStatus.QUEUED, "", 0);
                    }
                    case ACK -> {
                        states.put(m, TaskStatus.SUCCEEDED, "", 0);
                    }
                }
                if ((s.kind() == Kind.ACK || s.kind() == Kind.DEAD) && m.idempotencyKey() != null) {
                    pipeline.eval(RedisScripts.RELEASE_KEY, List.of(broker.keys.idempotency(m.idempotencyKey())),
                            List.of(m.id()));
                }
                if (s.tag() != null) {
                    ids[acked++] = s.tag().getBytes(StandardCharsets.US_ASCII);
                }
            }
            List<Started> marked = markRunning(states);
            // States before the XACK: a task is never acknowledged before its end is recorded.
            states.write(pipeline);
            if (acked > 0) {
                pipeline.xack(streamBytes, GROUP_BYTES, acked == ids.length ? ids : java.util.Arrays.copyOf(ids, acked));
            }
            try {
                pipeline.sync();
            } catch (RuntimeException e) {
                if (!marked.isEmpty()) {
                    startedUnwritten = true; // written in the retried flush
                }
                throw e;
            }
            marked.forEach(started -> started.written = true);
        }
        for (Settlement s : batch) {
            if (s.tag() != null) {
                held.remove(s.tag());
            }
        }
    }

    /** Adds RUNNING for tasks that started since the last flush and have not settled; returns them. */
    private List<Started> markRunning(RedisStates states) {
        if (!startedUnwritten) {
            return List.of();
        }
        startedUnwritten = false; // a start after this line sets it again
        List<Started> marked = new ArrayList<>();
        for (Started started : running.values()) {
            if (!started.written) {
                states.started(started.message);
                marked.add(started);
            }
        }
        return marked;
    }

    private XAddParams deadParams() {
        return XAddParams.xAddParams().maxLen(broker.deadLetterLimit).approximateTrimming();
    }

    private static Map<String, String> deadFields(String wire, String reason, String error, int attempts) {
        return Map.of("m", wire, "reason", reason, "error", error == null ? "" : error, "attempts",
                Integer.toString(attempts), "at", Long.toString(System.currentTimeMillis()));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        join(fetcher);
        List<TaskMessage> unpolled = new ArrayList<>();
        buffer.drainTo(unpolled);
        unpolled.forEach(this::release);
        ackerDone = true;
        join(acker);
    }

    @Override
    public void abort() {
        aborted = true;
        closed = true;
        settlements.clear();
        running.clear();
        fetcher.interrupt();
        acker.interrupt();
    }

    private static void join(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the ids this node holds, for the heartbeat. */
    List<String> held() {
        return new ArrayList<>(held);
    }

    boolean isClosed() {
        return closed;
    }

    int prefetch() {
        return prefetch;
    }
}
