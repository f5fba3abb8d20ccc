package dev.ludicrous.tasks;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;

/**
 * The classic five cron fields: minute, hour, day of month, month, day of week (0 or 7 is
 * Sunday), each {@code *}, a number, a range {@code a-b}, a step {@code * /n} or {@code a-b/n},
 * or a comma list of those. Like cron, when both day fields are restricted a day matching either
 * one fires. Kept small on purpose: no names, no seconds, no {@code L}/{@code W}/{@code #}.
 */
final class CronExpression {
    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domRestricted;
    private final boolean dowRestricted;

    CronExpression(String text) {
        this.text = text;
        String[] fields = text.trim().split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException("cron expression must have 5 fields (minute hour day-of-month month"
                    + " day-of-week), but was '" + text + "'");
        }
        minutes = parse(fields[0], 0, 59, "minute");
        hours = parse(fields[1], 0, 23, "hour");
        daysOfMonth = parse(fields[2], 1, 31, "day-of-month");
        months = parse(fields[3], 1, 12, "month");
        BitSet dow = parse(fields[4], 0, 7, "day-of-week");
        if (dow.get(7)) {
            dow.set(0);
        }
        daysOfWeek = dow;
        domRestricted = !fields[2].equals("*");
        dowRestricted = !fields[4].equals("*");
    }

    private BitSet parse(String field, int min, int max, String name) {
        BitSet bits = new BitSet(max + 1);
        for (String part : field.split(",")) {
            int step = 1;
            String range = part;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                step = number(part.substring(slash + 1), 1, max, name);
                range = part.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                from = number(range.substring(0, range.indexOf('-')), min, max, name);
                to = number(range.substring(range.indexOf('-') + 1), min, max, name);
                if (to < from) {
                    throw new IllegalArgumentException("cron " + name + " range must go up, but was '" + range
                            + "' in '" + text + "'");
                }
            } else {
                from = number(range, min, max, name);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) {
                bits.set(v);
            }
        }
        return bits;
    }

    private int number(String value, int min, int max, String name) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("cron " + name + " must be " + min + "-" + max + ", *, a range or a step,"
                + " but was '" + value + "' in '" + text + "'");
    }

    /** Returns the first firing time strictly after {@code afterMillis}, in epoch milliseconds. */
    long next(long afterMillis, ZoneId zone) {
        LocalDateTime t = ZonedDateTime.ofInstant(java.time.Instant.ofEpochMilli(afterMillis), zone).toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        LocalDateTime limit = t.plusYears(5);
        while (t.isBefore(limit)) {
            if (!months.get(t.getMonthValue())) {
                t = t.withDayOfMonth(1).withHour(0).withMinute(0).plusMonths(1);
            } else if (!dayMatches(t)) {
                t = t.withHour(0).withMinute(0).plusDays(1);
            } else if (!hours.get(t.getHour())) {
                t = t.withMinute(0).plusHours(1);
            } else if (!minutes.get(t.getMinute())) {
                t = t.plusMinutes(1);
            } else {
                return t.atZone(zone).toInstant().toEpochMilli();
            }
        }
        throw new IllegalArgumentException("cron expression '" + text + "' never fires");
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
        if (domRestricted && dowRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    @Override
    public String toString() {
        return text;
    }
}
