package dev.ludicrous.tasks.redis;

import dev.ludicrous.tasks.TaskMessage;
import dev.ludicrous.tasks.TaskState;
import dev.ludicrous.tasks.TaskStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;

/**
 * Recorded task states. A task that is sent is a field of the hash {@code <prefix>:sent} (id to
 * task name: it is QUEUED) until it ends; each later change is a field of a hash per period of
 * {@code statusExpiry} by Redis {@code TIME} ({@code <prefix>:st:<period>}, id to record), which
 * expires whole one period after its own ends: a record is kept between one and two periods. A
 * reader looks in the current period, then the one before, then the sent hash.
 *
 * <p>Why hashes: a key per task with its own expiry costs Redis a key and an expiry entry per
 * change, and halved no-op throughput in the benchmark; a hash field written with many others in
 * one command costs a fraction of that. An instance collects the changes of one batch (the last
 * change of a task wins) and writes them with one script call in a pipeline the broker sends
 * anyway. The record is the status, the task name and the error (cut to a bounded length) on
 * three lines. Not thread-safe.
 */
final class RedisStates {
    static final int MAX_ERROR_LENGTH = 1_000;

    private static final String PERIOD = "local t = redis.call('TIME')\n"
            + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
            + "local size = tonumber(ARGV[1])\n"
            + "local period = math.floor(now / size)\n";

    /**
     * KEYS: status key prefix, sent hash. ARGV: period ms, number of changes n, then n pairs of
     * task id and record, then the ids of ended tasks (removed from the sent hash).
     */
    static final String WRITE = PERIOD
            + "local n = tonumber(ARGV[2])\n"
            + "if n > 0 then\n"
            + "  local key = KEYS[1] .. period\n"
            + "  redis.call('HSET', key, unpack(ARGV, 3, 2 + 2 * n))\n"
            + "  redis.call('PEXPIREAT', key, (period + 2) * size)\n"
            + "end\n"
            + "if #ARGV > 2 + 2 * n then redis.call('HDEL', KEYS[2], unpack(ARGV, 3 + 2 * n)) end\n"
            + "return n\n";

    /** KEYS: status key prefix, sent hash. ARGV: period ms, task ids. Returns a record per id, '' if none. */
    static final String READ = PERIOD
            + "local current, previous = KEYS[1] .. period, KEYS[1] .. (period - 1)\n"
            + "local out = {}\n"
            + "for i = 2, #ARGV do\n"
            + "  local id = ARGV[i]\n"
            + "  local v = redis.call('HGET', current, id)\n"
            + "  if not v then v = redis.call('HGET', previous, id) end\n"
            + "  if not v then\n"
            + "    local name = redis.call('HGET', KEYS[2], id)\n"
            + "    if name then v = 'QUEUED\\n' .. name .. '\\n' end\n"
            + "  end\n"
            + "  out[i - 1] = v or ''\n"
            + "end\n"
            + "return out\n";

    /** Lua that records one state inside another script; needs {@code now}, ARGV[p] prefix and ARGV[p+1] period. */
    static String recordInScript(int p, String id, String record) {
        return "do\n"
                + "  local size = tonumber(ARGV[" + (p + 1) + "])\n"
                + "  local period = math.floor(now / size)\n"
                + "  local key = ARGV[" + p + "] .. period\n"
                + "  redis.call('HSET', key, " + id + ", " + record + ")\n"
                + "  redis.call('PEXPIREAT', key, (period + 2) * size)\n"
                + "end\n";
    }

    private final RedisBroker broker;
    private final Map<String, String> changes = new LinkedHashMap<>();
    private final List<String> ended = new ArrayList<>();

    RedisStates(RedisBroker broker) {
        this.broker = broker;
    }

    /** Records a change of a tracked task. */
    void put(TaskMessage message, TaskStatus status, String error) {
        if (message.tracked()) {
            changes.put(message.id(), encode(status, message.task(), error));
        }
    }

    /** Records the end of a tracked task: it leaves the hash of sent tasks. */
    void ended(TaskMessage message) {
        if (message.tracked()) {
            ended.add(message.id());
        }
    }

    /** Adds the collected changes to the pipeline as one command (none when there are none), and forgets them. */
    void write(AbstractPipeline pipeline) {
        if (changes.isEmpty() && ended.isEmpty()) {
            return;
        }
        List<String> args = new ArrayList<>(2 + changes.size() * 2 + ended.size());
        args.add(Long.toString(broker.statusExpiry.toMillis()));
        args.add(Integer.toString(changes.size()));
        for (Map.Entry<String, String> e : changes.entrySet()) {
            args.add(e.getKey());
            args.add(e.getValue());
        }
        args.addAll(ended);
        pipeline.eval(WRITE, List.of(broker.keys.statusPrefix(), broker.keys.sent()), args);
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
