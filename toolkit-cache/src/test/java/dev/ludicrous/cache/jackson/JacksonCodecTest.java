package dev.ludicrous.cache.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludicrous.cache.Codec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JacksonCodecTest {
    record PostSummary(long id, String title, int comments) {
    }

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void recordsAndGenericListsRoundTrip() {
        // snippet: jackson
        Codec<List<PostSummary>> json = JacksonCodec.of(mapper, new TypeReference<List<PostSummary>>() { });
        // end-snippet
        List<PostSummary> posts = List.of(new PostSummary(1, "Hello", 3), new PostSummary(2, "Again", 0));
        assertThat(json.decode(json.encode(posts))).isEqualTo(posts);
        assertThat(json.id()).startsWith("json:java.util.List<");
    }

    @Test
    void bytesThatAreNotTheTypeAreRefused() {
        Codec<PostSummary> json = JacksonCodec.of(mapper, PostSummary.class);
        assertThatThrownBy(() -> json.decode("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON for");
    }
}
