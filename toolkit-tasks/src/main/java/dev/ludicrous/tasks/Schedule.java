package dev.ludicrous.tasks;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * When a recurring task fires: at a fixed rate, or by a cron expression. Every worker node runs
 * the schedules it is given, and the broker lets exactly one node send each period's task. Times
 * come from the broker's clock (Redis {@code TIME}), so nodes with different clocks agree.
 * Immutable.
 */
public final class Schedule {
    private final Duration every;
    private final CronExpression cron;
    private final ZoneId zone;

    private Schedule(Duration every, CronExpression cron, ZoneId zone) {
        this.every = every;
        this.cron = cron;
        this.zone = zone;
    }

    /**
     * Fires once per period, at multiples of the period since the epoch (so every node computes
     * the same periods).
     *
     * @param period at least 100 ms
     * @return the schedule
     * @throws IllegalArgumentException when the period is shorter
     */
    public static Schedule every(Duration period) {
        Objects.requireNonNull(period, "period");
        if (period.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("schedule period must be at least PT0.1S, but was " + period);
        }
        return new Schedule(period, null, ZoneOffset.UTC);
    }

    /**
     * Fires by a five-field cron expression in UTC, such as {@code 0 3 * * *} (03:00 every day) or
     * {@code *}{@code /15 * * * 1-5} (every 15 minutes on weekdays).
     *
     * @param expression minute hour day-of-month month day-of-week
     * @return the schedule
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static Schedule cron(String expression) {
        return cron(expression, ZoneOffset.UTC);
    }

    /**
     * Fires by a five-field cron expression in the given time zone.
     *
     * @param expression minute hour day-of-month month day-of-week
     * @param zone the zone the fields are read in
     * @return the schedule
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public static Schedule cron(String expression, ZoneId zone) {
        CronExpression parsed = new CronExpression(Objects.requireNonNull(expression, "expression"));
        parsed.next(0, zone); // fails now for an expression that never fires
        return new Schedule(null, parsed, Objects.requireNonNull(zone, "zone"));
    }

    /** Returns the first firing time strictly after {@code afterMillis}. */
    long next(long afterMillis) {
        if (every != null) {
            long period = every.toMillis();
            return Math.floorDiv(afterMillis, period) * period + period;
        }
        return cron.next(afterMillis, zone);
    }

    /** Returns how long a period's claim is kept: long enough that no node sends that period again. */
    Duration claimTtl() {
        if (every != null) {
            return every.multipliedBy(2).compareTo(Duration.ofMinutes(1)) > 0 ? every.multipliedBy(2) : Duration.ofMinutes(1);
        }
        return Duration.ofDays(1);
    }

    @Override
    public String toString() {
        return every != null ? "every " + every : "cron '" + cron + "' " + zone;
    }
}
