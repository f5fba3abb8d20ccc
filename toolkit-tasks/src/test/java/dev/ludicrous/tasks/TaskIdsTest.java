package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaskIdsTest {
    @Test
    void anIdBeginsWithItsCreationTimeInTenthsOfASecondAsSevenBase36Digits() {
        long before = System.currentTimeMillis() / 100;
        String id = new TaskIds().next();
        long after = System.currentTimeMillis() / 100;

        long tenths = Long.parseLong(id.substring(0, TaskIds.TIME_DIGITS), 36);
        assertThat(tenths).isBetween(before, after);
    }

    @Test
    void idsAreUniqueWithinOneTasksAndAcrossTwo() {
        TaskIds one = new TaskIds();
        TaskIds two = new TaskIds();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(one.next())).isTrue();
            assertThat(seen.add(two.next())).isTrue();
        }
    }
}
