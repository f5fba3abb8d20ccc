package dev.ludicrous.tasks.redis;

import dev.ludicrous.tasks.TaskMessage;
import dev.ludicrous.tasks.TaskState;
import dev.ludicrous.tasks.TaskStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.args.ExpiryOption;

/**
 * Recorded task states. The record of a tracked task is a field of the hash
 * {@code <prefix>:st:<first 7 characters of its id>} (its id to its record): ids begin with their
 * creation time in tenths of a second, so one hash holds the tasks made in one 100 ms period and
 * a batch of tasks is recorded by one {@code HSET}. A hash is kept at least {@code statusExpiry}
 * (plus a retry's or a countdown's wait) after the last change recorded in it.
 *
 * <p>A field per task in a hash per 100 ms rather than a key per task: a {@code SET ... PX} per
 * task cost Redis about six times the CPU of a field in a batched {@code HSET} ({@code INFO
 * commandstats}), a third of the whole cost of a task. A period rather than a day per hash, because
 * Redis (without {@code lazyfree-lazy-expire}) frees an expired key in one go: a hash of 100 ms of
 * tasks is small enough to free without stalling other clients.
 *
 * <p>An instance collects the changes of one batch (the last change of a task wins) and adds them
 * to a pipeline the caller sends anyway. The record is the status, the task name and the error
 * (cut to a bounded length) on three lines. Not thread-safe.
 */
final class RedisStates {
    static final int MAX_ERROR_LENGTH = 1_000;

    /**
     * Lua that records one state inside another script and keeps its hash at least {@code ttl} ms;
     * the arguments are Lua expressions.
     */
    static String recordInScript(String hash, String id, String record, String ttl) {
        return "      redis.call('HSET', " + hash + ", " + id + ", " + record + ")\n"
                + "      if redis.call('PTTL', " + hash + ") < tonumber(" + ttl + ") then\n"
                + "        redis.call('PEXPIRE', " + hash + ", " + ttl + ")\n"
                + "      end\n";
    }

    /** Lua: the states hash of the task id held in {@code id}, under the prefix held in {@code prefix}. */
    static String hashInScript(String prefix, String id) {
        return prefix + " .. string.sub(" + id + ", 1, " + RedisKeys.STATE_GROUP_CHARS + ")";
    }

    private record Change(String record, long ttlMillis) {
    }

    private final RedisBroker broker;
    private final Map<String, Change> changes = new LinkedHashMap<>();
    // A batch is mostly one task's successes: their record is made once.
    private TaskStatus lastStatus;
    private String lastName;
    private String lastRecord;

    RedisStates(RedisBroker broker) {
        this.broker = broker;
    }

    /** Records a change of a tracked task, kept {@code statusExpiry} plus {@code laterMillis} (a wait before it runs). */
    void put(TaskMessage message, TaskStatus status, String error, long laterMillis) {
        if (message.tracked()) {
            changes.put(message.id(), new Change(record(status, message.task(), error),
                    broker.statusExpiry.toMillis() + Math.max(0, laterMillis)));
        }
    }

    /** Records RUNNING unless this batch already holds a later change of the task. */
    void started(TaskMessage message) {
        if (message.tracked()) {
            changes.putIfAbsent(message.id(), new Change(record(TaskStatus.RUNNING, message.task(), ""),
                    broker.statusExpiry.toMillis()));
        }
    }

    private String record(TaskStatus status, String taskName, String error) {
        if (error != null && !error.isEmpty()) {
            return encode(status, taskName, error);
        }
        if (status != lastStatus || !taskName.equals(lastName)) {
            lastStatus = status;
            lastName = taskName;
            lastRecord = encode(status, taskName, "");
        }
        return lastRecord;
    }

    /** Adds the collected changes to the pipeline (nothing when there are none), and forgets them. */
    void write(AbstractPipeline pipeline) {
        Hashes hashes = new Hashes(broker.keys, pipeline);
        for (Map.Entry<String, Change> e : changes.entrySet()) {
            hashes.add(e.getKey(), e.getValue().record(), e.getValue().ttlMillis());
        }
        hashes.flush();
        changes.clear();
    }

    /**
     * Adds QUEUED for the tracked tasks among freshly made messages (unique ids, most of one task
     * name) that carry no idempotency key: the send path, without a change per task.
     */
    static void queued(RedisBroker broker, AbstractPipeline pipeline, List<TaskMessage> messages, long nowMillis) {
        Hashes hashes = new Hashes(broker.keys, pipeline);
        long expiry = broker.statusExpiry.toMillis();
        String name = null;
        String record = null;
        for (TaskMessage message : messages) {
            if (message.tracked() && message.idempotencyKey() == null) {
                if (!message.task().equals(name)) {
                    name = message.task();
                    record = encode(TaskStatus.QUEUED, name, "");
                }
                hashes.add(message.id(), record, expiry + Math.max(0, message.notBeforeMillis() - nowMillis));
            }
        }
        hashes.flush();
    }

    /**
     * Writes records one {@code HSET} per run of ids that share a hash. Ids made one after the other
     * share one, so runs are long; a hash that comes back in a later run gets a second {@code HSET},
     * which is correct, only less compact.
     */
    private static final class Hashes {
        private final RedisKeys keys;
        private final AbstractPipeline pipeline;
        private String firstId;
        private String hash;
        private Map<String, String> fields;
        private long ttlMillis;

        Hashes(RedisKeys keys, AbstractPipeline pipeline) {
            this.keys = keys;
            this.pipeline = pipeline;
        }

        void add(String id, String record, long ttl) {
            if (hash == null || !id.regionMatches(0, firstId, 0, RedisKeys.STATE_GROUP_CHARS)) {
                flush();
                firstId = id;
                hash = keys.states(id);
                fields = new HashMap<>();
                ttlMillis = 0;
            }
            fields.put(id, record);
            ttlMillis = Math.max(ttlMillis, ttl);
        }

        void flush() {
            if (hash == null) {
                return;
            }
            pipeline.hset(hash, fields);
            // NX gives a new hash its expiry, GT lengthens an existing one: together, the later of the two.
            pipeline.pexpire(hash, ttlMillis, ExpiryOption.NX);
            pipeline.pexpire(hash, ttlMillis, ExpiryOption.GT);
            hash = null;
        }
    }

    static String encode(TaskStatus status, String taskName, String error) {
        String bounded = error == null ? "" : error.length() <= MAX_ERROR_LENGTH ? error
                : error.substring(0, MAX_ERROR_LENGTH) + "...";
        return status.name() + '\n' + taskName + '\n' + bounded;
    }

    static TaskState decode(String value) {
        if (value == null || value.isEmpty()) {
            return TaskState.UNKNOWN;
        }
        String[] parts = value.split("\n", 3);
        TaskStatus status;
        try {
            status = TaskStatus.valueOf(parts[0]);
        } catch (IllegalArgumentException e) {
            return TaskState.UNKNOWN; // written by a newer version with a status this one does not know
        }
        return new TaskState(status, parts.length > 1 ? parts[1] : "", parts.length > 2 ? parts[2] : "");
    }
}
