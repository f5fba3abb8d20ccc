package dev.ludicrous.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TaskMessageTest {
    @Test
    void theWireFormatRoundTripsEveryHeaderAndArgumentsWithLineBreaks() {
        TaskMessage message = new TaskMessage("id-1", "send-email", "mail", 2, 1_000L, 2_000L, "key-1", 5, 100, 60_000,
                true, 3_000, "{\"to\":\"a\\nb\"}\nsecond line", null, null, null);

        TaskMessage back = TaskMessage.fromWire(message.toWire());

        assertThat(back.toWire()).isEqualTo(message.toWire());
        assertThat(back.id()).isEqualTo("id-1");
        assertThat(back.task()).isEqualTo("send-email");
        assertThat(back.queue()).isEqualTo("mail");
        assertThat(back.attempt()).isEqualTo(2);
        assertThat(back.notBeforeMillis()).isEqualTo(2_000L);
        assertThat(back.idempotencyKey()).isEqualTo("key-1");
        assertThat(back.maxRetries()).isEqualTo(5);
        assertThat(back.jitter()).isTrue();
        assertThat(back.timeLimitMillis()).isEqualTo(3_000);
        assertThat(back.args()).isEqualTo("{\"to\":\"a\\nb\"}\nsecond line");
    }

    @Test
    void aTaskWithoutStatusTrackingSaysSoInTheFlagsDigitAndATrackedOneKeepsTheOldWireText() {
        TaskMessage untracked = new TaskMessage("id-1", "t", "q", 0, 1L, 0L, null, 3, 100, 1_000, true, 0, "1", null,
                null, null, false);
        TaskMessage tracked = new TaskMessage("id-1", "t", "q", 0, 1L, 0L, null, 3, 100, 1_000, true, 0, "1", null,
                null, null);

        assertThat(untracked.toWire().split("\n")[11]).isEqualTo("3");
        assertThat(tracked.toWire().split("\n")[11]).isEqualTo("1"); // as before the flag existed
        TaskMessage back = TaskMessage.fromWire(untracked.toWire());
        assertThat(back.tracked()).isFalse();
        assertThat(back.jitter()).isTrue();
        assertThat(TaskMessage.fromWire(tracked.toWire()).tracked()).isTrue();
    }

    @Test
    void textThatIsNotAMessageIsRefused() {
        assertThatThrownBy(() -> TaskMessage.fromWire("rO0ABXNyAA"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a task message");
        assertThatThrownBy(() -> TaskMessage.fromWire("t1\nid-1\nsend-email\nmail")) // a cut header
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a task message (expected 14 parts starting with 't1')");
    }

    @Test
    void aHeaderWithANumberThatIsNotOneIsRefusedWithTheText() {
        String wire = new TaskMessage("id-1", "t", "q", 0, 1L, 0L, null, 3, 100, 1_000, true, 0, "1", null, null, null)
                .toWire();
        String badAttempt = wire.replaceFirst("\nq\n0\n", "\nq\nx\n");
        String hugeAttempt = wire.replaceFirst("\nq\n0\n", "\nq\n99999999999\n");
        String badFlags = wire.replaceFirst("\n1000\n1\n", "\n1000\n7\n");

        for (String bad : new String[] {badAttempt, hugeAttempt, badFlags}) {
            assertThat(bad).isNotEqualTo(wire);
            assertThatThrownBy(() -> TaskMessage.fromWire(bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("task message has a malformed header: t1\nid-1\nt\nq\n");
        }
    }

    @Test
    void backoffDoublesUpToTheCapAndJitterStaysWithinHalfAndAll() {
        assertThat(Backoff.millis(0, 100, 10_000, false)).isEqualTo(100);
        assertThat(Backoff.millis(3, 100, 10_000, false)).isEqualTo(800);
        assertThat(Backoff.millis(10, 100, 10_000, false)).isEqualTo(10_000);
        assertThat(Backoff.millis(200, 100, 10_000, false)).isEqualTo(10_000);
        for (int i = 0; i < 100; i++) {
            assertThat(Backoff.millis(3, 100, 10_000, true)).isBetween(400L, 800L);
        }
    }
}
