package dev.ludicrous.tasks.jackson3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.tasks.Codec;
import dev.ludicrous.tasks.jackson.JacksonCodec;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Jackson3CodecTest {
    record Invoice(long id, String to, List<String> lines, Instant due) {
    }

    private final Invoice invoice = new Invoice(1042, "ann@example.com", List.of("tea", "cake"),
            Instant.parse("2026-12-01T10:15:30Z"));

    @Test
    void aRecordRoundTripsWithJavaTimeBuiltIn() {
        Codec codec = new Jackson3Codec();

        String text = codec.encode(invoice);

        assertThat(codec.decode(text, Invoice.class)).isEqualTo(invoice);
    }

    @Test
    void nodesOnJackson2AndJackson3ReadEachOthersArguments() {
        Codec three = new Jackson3Codec();
        Codec two = new JacksonCodec(com.fasterxml.jackson.databind.json.JsonMapper.builder().findAndAddModules()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build());
        record Email(String to, String subject) {
        }
        Email email = new Email("ann@example.com", "Welcome");

        assertThat(two.decode(three.encode(email), Email.class)).isEqualTo(email);
        assertThat(three.decode(two.encode(email), Email.class)).isEqualTo(email);
    }

    @Test
    void textThatDoesNotDecodeFailsNamingTheType() {
        Codec codec = new Jackson3Codec();

        assertThatThrownBy(() -> codec.decode("{\"id\":1,\"surprise\":true}", Invoice.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot decode JSON as " + Invoice.class.getName() + ": ")
                .hasMessageContaining("surprise");
        assertThatThrownBy(() -> codec.decode("not json", Integer.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot decode JSON as java.lang.Integer: ");
    }
}
