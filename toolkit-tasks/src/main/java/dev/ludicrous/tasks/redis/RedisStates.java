package dev.ludicrous.tasks.redis;

import dev.ludicrous.tasks.TaskMessage;
import dev.ludicrous.tasks.TaskState;
import dev.ludicrous.tasks.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.params.SetParams;

/**
 * Recorded task states. A task that is sent is a field of the hash {@code <prefix>:sent} (id to
 * task name: it is QUEUED) until it ends, written for a whole batch by one {@code HSET}; each
 * later change is the key {@code <prefix>:st:<task id>}, kept {@code statusExpiry} after the
 * change. A reader looks at the key, then at the sent hash.
 *
 * <p>A key per change rather than a hash per period: one hash holding a day of tasks would be a
 * key of millions of fields, and Redis (without {@code lazyfree-lazy-expire}) frees an expired key
 * in one go, stalling every client. An instance collects the changes of one batch (the last
 * change of a task wins) and writes them as plain {@code SET ... PX} and one {@code HDEL} in a
 * pipeline the broker sends anyway (a Lua loop doing the same cost Redis about twice the CPU per
 * task: {@code INFO commandstats}). The record is the status, the task name and the error (cut to a bounded length) on
 * three lines. Not thread-safe.
 */
final class RedisStates {
    static final int MAX_ERROR_LENGTH = 1_000;

    /** KEYS: status key prefix, sent hash. ARGV: task ids. Returns a record per id, '' if none. */
    static final String READ = "local out = {}\n"
            + "for i, id in ipairs(ARGV) do\n"
            + "  local v = redis.call('GET', KEYS[1] .. id)\n"
            + "  if not v then\n"
            + "    local name = redis.call('HGET', KEYS[2], id)\n"
            + "    if name then v = 'QUEUED\\n' .. name .. '\\n' end\n"
            + "  end\n"
            + "  out[i] = v or ''\n"
            + "end\n"
            + "return out\n";

    /** Lua that records one state inside another script: ARGV[p] is the key prefix, ARGV[p+1] the TTL ms. */
    static String recordInScript(int p, String id, String record) {
        return "      redis.call('SET', ARGV[" + p + "] .. " + id + ", " + record + ", 'PX', ARGV[" + (p + 1) + "])\n";
    }

    private record Change(String record, long ttlMillis) {
    }

    private final RedisBroker broker;
    private final Map<String, Change> changes = new LinkedHashMap<>();
    private final List<String> ended = new ArrayList<>();

    RedisStates(RedisBroker broker) {
        this.broker = broker;
    }

    /** Records a change of a tracked task, kept {@code statusExpiry} plus {@code laterMillis} (a retry's wait). */
    void put(TaskMessage message, TaskStatus status, String error, long laterMillis) {
        if (message.tracked()) {
            changes.put(message.id(), new Change(encode(status, message.task(), error),
                    broker.statusExpiry.toMillis() + Math.max(0, laterMillis)));
        }
    }

    /** Records RUNNING unless this batch already holds a later change of the task. */
    void started(TaskMessage message) {
        if (message.tracked()) {
            changes.putIfAbsent(message.id(), new Change(encode(TaskStatus.RUNNING, message.task(), ""),
                    broker.statusExpiry.toMillis()));
        }
    }

    /** Records the end of a tracked task: it leaves the hash of sent tasks. */
    void ended(TaskMessage message) {
        if (message.tracked()) {
            ended.add(message.id());
        }
    }

    /** Adds the collected changes to the pipeline (nothing when there are none), and forgets them. */
    void write(AbstractPipeline pipeline) {
        String prefix = broker.keys.statusPrefix();
        for (Map.Entry<String, Change> e : changes.entrySet()) {
            pipeline.set(prefix + e.getKey(), e.getValue().record(), SetParams.setParams().px(e.getValue().ttlMillis()));
        }
        if (!ended.isEmpty()) {
            pipeline.hdel(broker.keys.sent(), ended.toArray(new String[0]));
        }
        changes.clear();
        ended.clear();
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
