package dev.ludicrous.tasks;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Task ids: a random 64-bit prefix per {@link Tasks} and a counter. Unique across nodes without
 * the cost of a {@code UUID.randomUUID()} per task.
 */
final class TaskIds {
    private final String prefix;
    private final AtomicLong counter = new AtomicLong();

    TaskIds() {
        long random = new SecureRandom().nextLong();
        this.prefix = Long.toUnsignedString(random, 36) + "-";
    }

    String next() {
        return prefix + Long.toString(counter.incrementAndGet(), 36);
    }
}
