package dev.ludicrous.profiling.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerTimingTest {

    @Test
    void durationsAreMillisecondsWithOneDecimal() {
        assertThat(ServerTiming.millis(0)).isEqualTo("0.0");
        assertThat(ServerTiming.millis(1_234_567)).isEqualTo("1.2");
        assertThat(ServerTiming.millis(1_250_000)).isEqualTo("1.3");
        assertThat(ServerTiming.millis(12_000_000_000L)).isEqualTo("12000.0");
    }

    @Test
    void onlyMetricsWithoutControlCharactersAreValid() {
        assertThat(ServerTiming.isValid("db;dur=3.2;desc=\"2 queries\"")).isTrue();
        assertThat(ServerTiming.isValid("cache")).isTrue();
        assertThat(ServerTiming.isValid("bad\r\nX-Injected: yes")).isFalse();
        assertThat(ServerTiming.isValid("two words")).isFalse();
        assertThat(ServerTiming.isValid("")).isFalse();
    }

    @Test
    void triggerSecretMatchesOnlyTheExactValue() {
        TriggerSecret secret = new TriggerSecret("0123456789abcdef");
        assertThat(secret.matches("0123456789abcdef")).isTrue();
        assertThat(secret.matches("0123456789abcdeF")).isFalse();
        assertThat(secret.matches("0123456789abcdef ")).isFalse();
        assertThat(secret.matches("")).isFalse();
        assertThat(secret.matches(null)).isFalse();
    }
}
