package dev.ludicrous.tasks.jackson3;

import dev.ludicrous.tasks.Codec;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Task arguments as JSON through Jackson 3 ({@code tools.jackson}, as in Spring Boot 4). For
 * records of strings, numbers and lists it writes the same text as
 * {@code dev.ludicrous.tasks.jackson.JacksonCodec} does with Jackson 2, so nodes on either can
 * share a queue (dates differ by default: Jackson 3 writes ISO-8601 text). Polymorphic typing
 * stays off, so the bytes in the broker can never name a class to instantiate. {@code Tasks.builder()} picks it by default when Jackson 3 is on
 * the class path and Jackson 2 is not. Thread-safe.
 */
public final class Jackson3Codec implements Codec {
    private final ObjectMapper mapper;
    // Readers and the writer resolved once, as Jackson advises: a task's arguments are decoded
    // on every run, and the mapper looks the root deserializer up on each call.
    private final ObjectWriter writer;
    private final ClassValue<ObjectReader> readers = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return mapper.readerFor(type);
        }
    };

    /** Creates a codec with a plain mapper that fails on unknown properties. */
    public Jackson3Codec() {
        this(JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).findAndAddModules().build());
    }

    /**
     * Creates a codec on the application's mapper (with its modules and settings).
     *
     * @param mapper the mapper; not changed
     */
    public Jackson3Codec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.writer = mapper.writer();
    }

    @Override
    public String encode(Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(String text, Class<T> type) {
        try {
            return readers.get(type).readValue(text);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot decode JSON as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
