package dev.ludicrous.tasks.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ludicrous.tasks.Codec;
import java.util.Objects;

/**
 * Task arguments as JSON through Jackson 2. Polymorphic typing stays off, so the bytes in the
 * broker can never name a class to instantiate. Thread-safe.
 */
public final class JacksonCodec implements Codec {
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
    public JacksonCodec() {
        this(JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).findAndAddModules().build());
    }

    /**
     * Creates a codec on the application's mapper (with its modules, such as Java time).
     *
     * @param mapper the mapper, configured before this call (its readers and writer are made from
     *     it now); not changed
     */
    public JacksonCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.writer = mapper.writer();
    }

    @Override
    public String encode(Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(String text, Class<T> type) {
        try {
            return readers.get(type).readValue(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode JSON as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
