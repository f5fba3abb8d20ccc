package dev.ludicrous.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
    @Test
    void roundTripKeepsCodecNamespacesVersionsAndPayload() {
        byte[] bytes = Envelope.write("string", new String[] {"post", "post:42"}, new long[] {7, 1_700_000_000_000_000L},
                "hello".getBytes(StandardCharsets.UTF_8));
        Envelope envelope = Envelope.read(bytes);
        assertThat(envelope.codecId()).isEqualTo("string");
        assertThat(envelope.namespaces()).containsExactly("post", "post:42");
        assertThat(envelope.versions()).containsExactly(7, 1_700_000_000_000_000L);
        assertThat(new String(envelope.payload(), StandardCharsets.UTF_8)).isEqualTo("hello");
    }

    @Test
    void foreignTruncatedOrDamagedBytesAreRejected() {
        assertThatThrownBy(() -> Envelope.read("hello".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Envelope.CorruptValueException.class).hasMessageContaining("header");
        byte[] good = Envelope.write("string", new String[0], new long[0], "hello".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Envelope.read(Arrays.copyOf(good, 7)))
                .isInstanceOf(Envelope.CorruptValueException.class).hasMessageContaining("truncated");
        byte[] damaged = good.clone();
        damaged[damaged.length - 1] ^= 1;
        assertThatThrownBy(() -> Envelope.read(damaged))
                .isInstanceOf(Envelope.CorruptValueException.class).hasMessageContaining("checksum");
    }

    @Test
    void counterParsingTreatsAnythingButDigitsAsMissing() {
        assertThat(RemoteTier.counter("1763945000123456".getBytes(StandardCharsets.US_ASCII))).isEqualTo(1763945000123456L);
        assertThat(RemoteTier.counter(null)).isEqualTo(Versions.UNKNOWN);
        assertThat(RemoteTier.counter("12a".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Versions.UNKNOWN);
        assertThat(RemoteTier.counter("-1".getBytes(StandardCharsets.US_ASCII))).isEqualTo(Versions.UNKNOWN);
    }
}
