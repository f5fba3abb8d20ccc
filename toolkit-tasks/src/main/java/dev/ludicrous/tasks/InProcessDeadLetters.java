package dev.ludicrous.tasks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dead letters kept in memory, the oldest dropped (with a warning) when the bound is reached. */
final class InProcessDeadLetters implements DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessDeadLetters.class);

    private final int capacity;
    private final InProcessBroker broker;
    private final AtomicLong sequence = new AtomicLong();
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(DeadLetter letter, TaskMessage message) {
    }

    InProcessDeadLetters(int capacity, InProcessBroker broker) {
        this.capacity = capacity;
        this.broker = broker;
    }

    void add(TaskMessage message, String reason, String error) {
        String id = "dl-" + sequence.incrementAndGet();
        String args = message.args() != null ? message.args() : String.valueOf(message.localArgs);
        DeadLetter letter = new DeadLetter(id, message.id(), message.task(), message.queue(), message.attempt() + 1,
                reason, error == null ? "" : error, Instant.now(), args);
        DeadLetter dropped = null;
        synchronized (entries) {
            entries.put(id, new Entry(letter, message));
            if (entries.size() > capacity) {
                Iterator<Entry> oldest = entries.values().iterator();
                dropped = oldest.next().letter();
                oldest.remove();
            }
        }
        if (dropped != null) {
            LOG.warn("In-process dead letters are full (deadLetterCapacity {}); dropped the oldest, task '{}' {}: {}",
                    capacity, dropped.task(), dropped.taskId(), dropped.reason());
        }
    }

    @Override
    public List<DeadLetter> list(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
        List<DeadLetter> out = new ArrayList<>(Math.min(limit, 1024));
        synchronized (entries) {
            for (Entry entry : entries.values()) {
                if (out.size() == limit) {
                    break;
                }
                out.add(entry.letter());
            }
        }
        return out;
    }

    @Override
    public Optional<DeadLetter> find(String id) {
        synchronized (entries) {
            Entry entry = entries.get(id);
            return entry == null ? Optional.empty() : Optional.of(entry.letter());
        }
    }

    @Override
    public boolean retry(String id) {
        Entry entry;
        synchronized (entries) {
            entry = entries.remove(id);
        }
        if (entry == null) {
            return false;
        }
        TaskMessage again = entry.message().asNew(0);
        TaskStatus before = again.handle == null ? null : again.handle.status();
        if (again.handle != null) {
            again.handle.update(TaskStatus.QUEUED); // before it is queued: a worker may finish it at once
        }
        try {
            broker.enqueue(again);
        } catch (RuntimeException e) {
            synchronized (entries) {
                entries.put(id, entry); // not sent, so it stays a dead letter
            }
            if (before != null) {
                again.handle.update(before);
            }
            throw e;
        }
        return true;
    }

    @Override
    public boolean delete(String id) {
        synchronized (entries) {
            return entries.remove(id) != null;
        }
    }

    @Override
    public long size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
