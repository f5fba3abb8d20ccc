package dev.ludicrous.tasks.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ludicrous.tasks.Codec;
import java.util.Objects;

/**
 * Task arguments as JSON through Jackson 2. Polymorphic typing stays off, so the bytes in the
 * broker can never name a class to instantiate. Thread-safe.
 */
public final class JacksonCodec implements Codec {
    private final ObjectMapper mapper;

    /** Creates a codec with a plain mapper that fails on unknown properties. */
    public JacksonCodec() {
        this(JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).findAndAddModules().build());
    }

    /**
     * Creates a codec on the application's mapper (with its modules, such as Java time).
     *
     * @param mapper the mapper; not changed
     */
    public JacksonCodec(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public String encode(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(String text, Class<T> type) {
        try {
            return mapper.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot decode JSON as " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }
}
