package dev.ludicrous.tasks.redis;

import dev.ludicrous.tasks.DeadLetter;
import dev.ludicrous.tasks.DeadLetters;
import dev.ludicrous.tasks.TaskMessage;
import dev.ludicrous.tasks.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.resps.StreamEntry;

/** Dead letters in one stream per key prefix; retrying one moves it back atomically (Lua). */
final class RedisDeadLetters implements DeadLetters {
    private final RedisBroker broker;

    RedisDeadLetters(RedisBroker broker) {
        this.broker = broker;
    }

    @Override
    public List<DeadLetter> list(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
        return broker.client.xrange(broker.keys.dead(), "-", "+", limit).stream().map(RedisDeadLetters::toLetter).toList();
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        StreamEntryID entryId = parse(id);
        if (entryId == null) {
            return Optional.empty();
        }
        List<StreamEntry> found = broker.client.xrange(broker.keys.dead(), entryId, entryId, 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(toLetter(found.get(0)));
    }

    @Override
    public boolean retry(String id) {
        StreamEntryID entryId = parse(id);
        if (entryId == null) {
            return false;
        }
        List<StreamEntry> found = broker.client.xrange(broker.keys.dead(), entryId, entryId, 1);
        if (found.isEmpty()) {
            return false;
        }
        TaskMessage message;
        try {
            message = TaskMessage.fromWire(found.get(0).getFields().getOrDefault("m", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("dead letter " + id + " holds no task message, so it cannot be retried: "
                    + e.getMessage(), e);
        }
        TaskMessage again = message.restarted();
        String status = again.tracked() ? RedisStates.encode(TaskStatus.QUEUED, again.task(), "") : "";
        Object moved = broker.client.eval(RedisScripts.RETRY_DEAD, List.of(broker.keys.dead(),
                broker.keys.stream(again.queue()), broker.keys.states(again.id())), List.of(id, again.toWire(), again.id(),
                status, Long.toString(broker.statusExpiry.toMillis())));
        return ((Number) moved).longValue() == 1;
    }

    @Override
    public boolean delete(String id) {
        StreamEntryID entryId = parse(id);
        return entryId != null && broker.client.xdel(broker.keys.dead(), entryId) == 1;
    }

    @Override
    public long size() {
        return broker.client.xlen(broker.keys.dead());
    }

    private static StreamEntryID parse(String id) {
        try {
            return new StreamEntryID(id);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static DeadLetter toLetter(StreamEntry entry) {
        Map<String, String> f = entry.getFields();
        String wire = f.getOrDefault("m", "");
        String taskId = "";
        String task = "";
        String queue = "";
        String args = wire;
        try {
            TaskMessage m = TaskMessage.fromWire(wire);
            taskId = m.id();
            task = m.task();
            queue = m.queue();
            args = m.args();
        } catch (IllegalArgumentException e) {
            // An undecodable message is kept whole in args, for inspection.
        }
        long at = parseLong(f.get("at"));
        return new DeadLetter(entry.getID().toString(), taskId, task, queue, (int) parseLong(f.get("attempts")),
                f.getOrDefault("reason", ""), f.getOrDefault("error", ""), Instant.ofEpochMilli(at), args);
    }

    private static long parseLong(String text) {
        try {
            return text == null ? 0 : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
