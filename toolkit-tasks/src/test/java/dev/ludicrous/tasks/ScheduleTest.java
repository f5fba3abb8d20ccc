package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static String next(Schedule schedule, String after) {
        return Instant.ofEpochMilli(schedule.next(at(after))).toString();
    }

    @Test
    void fixedRatePeriodsAreMultiplesOfThePeriodSoEveryNodeAgrees() {
        Schedule everyFive = Schedule.every(Duration.ofMinutes(5));
        assertThat(next(everyFive, "2026-11-23T10:02:30Z")).isEqualTo("2026-11-23T10:05:00Z");
        assertThat(next(everyFive, "2026-11-23T10:05:00Z")).isEqualTo("2026-11-23T10:10:00Z");
    }

    @Test
    void cronExpressionsFireAtTheNextMatchingMinute() {
        assertThat(next(Schedule.cron("0 3 * * *"), "2026-11-23T10:02:30Z")).isEqualTo("2026-11-24T03:00:00Z");
        assertThat(next(Schedule.cron("*/15 * * * *"), "2026-11-23T10:02:30Z")).isEqualTo("2026-11-23T10:15:00Z");
        // 2026-11-28 is a Saturday: weekdays only skips to Monday the 30th.
        assertThat(next(Schedule.cron("30 9 * * 1-5"), "2026-11-27T10:00:00Z")).isEqualTo("2026-11-30T09:30:00Z");
        assertThat(next(Schedule.cron("0 0 1 1,7 *"), "2026-11-23T10:00:00Z")).isEqualTo("2027-01-01T00:00:00Z");
        assertThat(next(Schedule.cron("0 0 29 2 *"), "2026-03-01T00:00:00Z")).isEqualTo("2028-02-29T00:00:00Z");
        assertThat(next(Schedule.cron("0 9 * * 0", ZoneId.of("Europe/Paris")), "2026-11-23T10:00:00Z"))
                .isEqualTo("2026-11-29T08:00:00Z");
    }

    @Test
    void badSchedulesFailNamingTheField() {
        assertThatThrownBy(() -> Schedule.cron("0 3 * *"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cron expression must have 5 fields (minute hour day-of-month month day-of-week), but was '0 3 * *'");
        assertThatThrownBy(() -> Schedule.cron("61 * * * *"))
                .hasMessage("cron minute must be 0-59, *, a range or a step, but was '61' in '61 * * * *'");
        assertThatThrownBy(() -> Schedule.cron("0 0 31 2 *")).hasMessage("cron expression '0 0 31 2 *' never fires");
        assertThatThrownBy(() -> Schedule.every(Duration.ofMillis(5)))
                .hasMessage("schedule period must be at least PT0.1S, but was PT0.005S");
        assertThatThrownBy(() -> Tasks.builder().task("t", String.class, s -> { })
                .schedule("s", Schedule.every(Duration.ofSeconds(1)), "nope", "x").build())
                .hasMessage("schedule 's' names task 'nope', which is not registered; registered: [t]");
        assertThatThrownBy(() -> Tasks.builder().task("t", String.class, s -> { })
                .schedule("s", Schedule.every(Duration.ofSeconds(1)), "t", 42).build())
                .hasMessage("schedule 's' gives task 't' a java.lang.Integer, but it takes java.lang.String");
    }
}
