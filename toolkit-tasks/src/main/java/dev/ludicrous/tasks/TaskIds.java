package dev.ludicrous.tasks;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Task ids: the creation time in tenths of a second as 7 base-36 digits, a random 64-bit part per
 * {@link Tasks} and a counter. Unique across nodes without the cost of a {@code UUID.randomUUID()}
 * per task; the time first so that ids sort roughly by creation and the Redis broker files the
 * statuses of tasks made in the same 100 ms together (it groups by the first 7 characters).
 */
final class TaskIds {
    static final int TIME_DIGITS = 7;
    private static final String ZEROS = "0".repeat(TIME_DIGITS);

    private final String random;
    private final AtomicLong counter = new AtomicLong();
    // Base 36 costs a division per digit: the digits are made once per 100 ms, not per id.
    private volatile Time time = new Time(-1, "");

    private record Time(long tenths, String digits) {
    }

    TaskIds() {
        this.random = Long.toUnsignedString(new SecureRandom().nextLong(), 36) + "-";
    }

    String next() {
        long tenths = System.currentTimeMillis() / 100;
        Time now = time;
        if (now.tenths() != tenths) {
            String digits = Long.toString(tenths, 36);
            if (digits.length() < TIME_DIGITS) {
                digits = ZEROS.substring(digits.length()) + digits;
            }
            now = new Time(tenths, digits);
            time = now;
        }
        return now.digits() + random + Long.toString(counter.incrementAndGet(), 36);
    }
}
