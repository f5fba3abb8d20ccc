package dev.ludicrous.benchmarks.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void quickIsShortAndUsesTheTestServicesFromTheEnvironment() {
        Options o = Options.parse(List.of("--quick", "--postgres", "--redis"),
                Map.of("LUDICROUS_TEST_PG", "jdbc:postgresql://db:5432/x", "LUDICROUS_TEST_REDIS", "redis://cache:6379"));
        assertThat(o.quick()).isTrue();
        assertThat(o.warmup()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.measure()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.postgres()).hasValue("jdbc:postgresql://db:5432/x");
        assertThat(o.redis()).hasValue("redis://cache:6379");
        assertThat(o.out()).isEqualTo(Path.of("target", "benchmark"));
    }

    @Test
    void withoutQuickTheRunIsFullAndH2Only() {
        Options o = Options.parse(List.of(), Map.of());
        assertThat(o.quick()).isFalse();
        assertThat(o.measure()).isEqualTo(Duration.ofSeconds(30));
        assertThat(o.postgres()).isEmpty();
        assertThat(o.redis()).isEmpty();
    }

    @Test
    void explicitValuesWinInBothForms() {
        Options o = Options.parse(List.of("--quick", "--seconds=9", "--clients", "8", "--set", "seed.posts=100",
                "--postgres=jdbc:postgresql://h/db", "--out", "/tmp/x"), Map.of());
        assertThat(o.measure()).isEqualTo(Duration.ofSeconds(9));
        assertThat(o.clients()).isEqualTo(8);
        assertThat(o.blogSettings()).containsEntry("seed.posts", "100");
        assertThat(o.postgres()).hasValue("jdbc:postgresql://h/db");
        assertThat(o.out()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void badValuesNameTheOptionTheRuleAndTheValue() {
        assertThatThrownBy(() -> Options.parse(List.of("--clients", "0"), Map.of()))
                .hasMessage("--clients must be a whole number from 1 to 1024, but was 0");
        assertThatThrownBy(() -> Options.parse(List.of("--sample-fraction", "2"), Map.of()))
                .hasMessage("--sample-fraction must be above 0 and at most 1, but was 2");
        assertThatThrownBy(() -> Options.parse(List.of("--set", "novalue"), Map.of()))
                .hasMessage("--set must be key=value, but was novalue");
        assertThatThrownBy(() -> Options.parse(List.of("--fast"), Map.of())).hasMessage("unknown option --fast");
        assertThatThrownBy(() -> Options.parse(List.of("--out"), Map.of())).hasMessage("--out needs a value");
    }
}
