package dev.ludicrous.benchmarks.blog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ServerTimingTest {
    @Test
    void readsTheQueryCountFromTheDbEntryAmongOthers() {
        List<String> fields = List.of("app;dur=12.5, cpu;dur=3.1", "db;dur=4.2;desc=\"61 queries\"");
        assertThat(ServerTiming.queries(fields)).isEqualTo(OptionalInt.of(61));
    }

    @Test
    void readsOneQueryAndZeroQueries() {
        assertThat(ServerTiming.queries(List.of("db;dur=0.3;desc=\"1 query\""))).isEqualTo(OptionalInt.of(1));
        assertThat(ServerTiming.queries(List.of("app;dur=1.0, db;dur=0.0;desc=\"0 queries\""))).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void noDbEntryMeansUnknownNotZero() {
        assertThat(ServerTiming.queries(List.of("app;dur=1.0", "cache;desc=\"hit\""))).isEmpty();
        assertThat(ServerTiming.queries(List.of())).isEmpty();
    }

    @Test
    void aProfEntryMarksAProfiledRequest() {
        assertThat(ServerTiming.profiled(List.of("app;dur=3.0, prof;desc=\"/_ludicrous/profiles/abc\""))).isTrue();
        assertThat(ServerTiming.profiled(List.of("app;dur=3.0", "db;dur=1.0;desc=\"3 queries\""))).isFalse();
    }
}
