package dev.ludicrous.tasks.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.StreamEntry;

/**
 * One thread per worker node: moves due delayed tasks to their streams, recovers tasks whose
 * worker died (or dead-letters them past the delivery cap), and trims acknowledged entries.
 */
final class RedisMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(RedisMaintenance.class);
    private static final int MOVE_BATCH = 500;
    private static final long TRIM_EVERY_NANOS = 1_000_000_000L;
    private static final long FORGET_EVERY_NANOS = 60_000_000_000L;
    // A consumer idle this long with nothing pending belongs to a node that is gone.
    private static final long FORGET_IDLE_MILLIS = 3_600_000L;

    private final RedisBroker broker;
    private final List<RedisReceiver> receivers;
    private final Thread thread;
    private final long recoverEveryNanos;
    private final long heartbeatEveryNanos;
    private volatile boolean stopped;
    private boolean failing;

    RedisMaintenance(RedisBroker broker, List<RedisReceiver> receivers) {
        this.broker = broker;
        this.receivers = receivers;
        this.recoverEveryNanos = Math.max(broker.pollInterval.toNanos(), broker.visibilityTimeout.toNanos() / 4);
        this.heartbeatEveryNanos = Math.max(broker.pollInterval.toNanos() / 2, broker.visibilityTimeout.toNanos() / 3);
        this.thread = new Thread(this::loop, "ludicrous-tasks-redis-maintenance");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        stopped = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        long lastRecover = System.nanoTime();
        long lastTrim = System.nanoTime();
        long lastHeartbeat = System.nanoTime();
        long lastForget = System.nanoTime();
        while (!stopped) {
            try {
                for (RedisReceiver receiver : receivers) {
                    if (!receiver.isClosed()) {
                        moveDue(receiver.queue);
                    }
                }
                long now = System.nanoTime();
                if (now - lastRecover >= recoverEveryNanos) {
                    lastRecover = now;
                    for (RedisReceiver receiver : receivers) {
                        if (!receiver.isClosed()) {
                            recover(receiver);
                        }
                    }
                }
                if (now - lastHeartbeat >= heartbeatEveryNanos) {
                    lastHeartbeat = now;
                    for (RedisReceiver receiver : receivers) {
                        if (!receiver.isClosed()) {
                            heartbeat(receiver);
                        }
                    }
                }
                if (now - lastForget >= FORGET_EVERY_NANOS) {
                    lastForget = now;
                    for (RedisReceiver receiver : receivers) {
                        forgetIdleConsumers(receiver.stream, FORGET_IDLE_MILLIS);
                    }
                }
                if (now - lastTrim >= TRIM_EVERY_NANOS) {
                    lastTrim = now;
                    for (RedisReceiver receiver : receivers) {
                        trim(receiver.stream);
                    }
                }
                if (failing) {
                    failing = false;
                    LOG.info("Redis is reachable again; delayed tasks, recovery and trimming resume");
                }
            } catch (JedisException e) {
                if (!stopped && !failing) {
                    failing = true;
                    LOG.warn("Redis could not be reached for task maintenance: {}; retrying", e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.error("Task maintenance failed: {}; retrying", e.toString());
            }
            try {
                Thread.sleep(broker.pollInterval.toMillis()); // the delayed-task poll interval
            } catch (InterruptedException e) {
                // stopped is checked by the loop
            }
        }
    }

    void moveDue(String queue) {
        long moved;
        do {
            Object reply = broker.client.eval(RedisScripts.MOVE_DUE,
                    List.of(broker.keys.delayed(queue), broker.keys.stream(queue)), List.of(Integer.toString(MOVE_BATCH)));
            moved = ((Number) reply).longValue();
        } while (moved == MOVE_BATCH && !stopped);
    }

    void recover(RedisReceiver receiver) {
        int room = receiver.room();
        if (room <= 0) {
            return;
        }
        Object reply = broker.client.eval(RedisScripts.RECOVER,
                List.of(receiver.stream, broker.keys.dead()),
                List.of(RedisKeys.GROUP, broker.consumer, Long.toString(broker.visibilityTimeout.toMillis()),
                        Integer.toString(room), Integer.toString(broker.deliveryCap),
                        Long.toString(broker.deadLetterLimit), broker.keys.statesPrefix(),
                        Long.toString(broker.statusExpiry.toMillis())));
        List<StreamEntry> claimed = entries(reply);
        if (!claimed.isEmpty()) {
            LOG.info("Recovered {} tasks of queue '{}' left unacknowledged for over {} by a stopped worker",
                    claimed.size(), receiver.queue, broker.visibilityTimeout);
            receiver.deliver(claimed);
        }
    }

    /**
     * Resets the idle time of the tasks this node holds ({@code XCLAIM ... JUSTID}, which leaves
     * the delivery count alone), so that a long task is not taken over while its node is alive.
     */
    void heartbeat(RedisReceiver receiver) {
        List<String> held = receiver.held();
        for (int from = 0; from < held.size(); from += 500) {
            StreamEntryID[] ids = held.subList(from, Math.min(held.size(), from + 500)).stream()
                    .map(StreamEntryID::new).toArray(StreamEntryID[]::new);
            broker.client.xclaimJustId(receiver.stream, RedisKeys.GROUP, broker.consumer, 0,
                    redis.clients.jedis.params.XClaimParams.xClaimParams(), ids);
        }
    }

    void forgetIdleConsumers(String stream, long idleMillis) {
        broker.client.eval(RedisScripts.FORGET_IDLE_CONSUMERS, List.of(stream),
                List.of(RedisKeys.GROUP, Long.toString(idleMillis)));
    }

    void trim(String stream) {
        broker.client.eval(RedisScripts.TRIM, List.of(stream), List.of());
    }

    /** Reads the reply of XCLAIM inside a script: a list of [id, [field, value, ...]], with nils for deleted entries. */
    static List<StreamEntry> entries(Object reply) {
        List<StreamEntry> out = new ArrayList<>();
        if (!(reply instanceof List<?> list)) {
            return out;
        }
        for (Object item : list) {
            if (!(item instanceof List<?> pair) || pair.size() < 2 || !(pair.get(1) instanceof List<?> fields)) {
                continue;
            }
            Map<String, String> map = new java.util.HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                map.put(RedisBroker.text(fields.get(i)), RedisBroker.text(fields.get(i + 1)));
            }
            out.add(new StreamEntry(new StreamEntryID(RedisBroker.text(pair.get(0))), map));
        }
        return out;
    }
}
