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

    @Test
    void payloadOffsetFindsThePayloadOnlyForTheSameCodecNamespacesAndVersions() {
        byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Envelope.write("string", new String[] {"post", "post:42"}, new long[] {7, 9}, payload);
        byte[] codec = "string".getBytes(StandardCharsets.US_ASCII);
        byte[][] names = {"post".getBytes(StandardCharsets.UTF_8), "post:42".getBytes(StandardCharsets.UTF_8)};

        int offset = Envelope.payloadOffset(bytes, codec, names, new long[] {7, 9});
        assertThat(new String(bytes, offset, bytes.length - offset, StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(Envelope.payloadOffset(bytes, codec, names, new long[] {7, 10})).isEqualTo(Envelope.STALE);
        assertThat(Envelope.payloadOffset(bytes, codec, new byte[][] {names[0]}, new long[] {7})).isEqualTo(Envelope.STALE);
        assertThat(Envelope.payloadOffset(bytes, "json".getBytes(StandardCharsets.US_ASCII), names, new long[] {7, 9}))
                .isEqualTo(Envelope.OTHER_CODEC);
        assertThat(Envelope.codecIdOf(bytes)).isEqualTo("string");
    }

    @Test
    void payloadOffsetRejectsForeignTruncatedOrDamagedBytes() {
        byte[] codec = "string".getBytes(StandardCharsets.US_ASCII);
        byte[] good = Envelope.write("string", new String[] {"post"}, new long[] {3}, "hello".getBytes(StandardCharsets.UTF_8));
        byte[][] names = {"post".getBytes(StandardCharsets.UTF_8)};
        long[] versions = {3};
        assertThatThrownBy(() -> Envelope.payloadOffset("hello".getBytes(StandardCharsets.UTF_8), codec, names, versions))
                .isInstanceOf(Envelope.CorruptValueException.class).hasMessageContaining("header");
        for (int length = 0; length < good.length - 5; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            assertThatThrownBy(() -> Envelope.payloadOffset(cut, codec, names, versions))
                    .isInstanceOf(Envelope.CorruptValueException.class);
        }
        byte[] damaged = good.clone();
        damaged[damaged.length - 1] ^= 1;
        assertThatThrownBy(() -> Envelope.payloadOffset(damaged, codec, names, versions))
                .isInstanceOf(Envelope.CorruptValueException.class).hasMessageContaining("checksum");
    }

    @Test
    void keysAreTheUtf8OfPrefixAndKeyWhateverTheCharacters() {
        byte[] prefix = Keys.prefix("app:v:pages:");
        assertThat(Keys.join(prefix, "/posts/42")).isEqualTo("app:v:pages:/posts/42".getBytes(StandardCharsets.UTF_8));
        assertThat(Keys.join(prefix, "/café/😀")).isEqualTo("app:v:pages:/café/😀".getBytes(StandardCharsets.UTF_8));
        assertThat(Keys.join(prefix, "")).isEqualTo(prefix);
    }
}
