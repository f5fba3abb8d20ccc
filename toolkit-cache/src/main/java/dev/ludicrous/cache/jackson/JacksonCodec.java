package dev.ludicrous.cache.jackson;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludicrous.cache.Codec;
import java.io.IOException;
import java.util.Objects;

/**
 * Values as JSON through a Jackson 2 {@link ObjectMapper}, for records, beans and collections.
 * The target type is fixed when the codec is made, so bytes are only ever read as that type:
 * never enable default typing on the mapper used here, or JSON could name the class to create.
 *
 * <pre>{@code
 * Codec<PostSummary> json = JacksonCodec.of(mapper, PostSummary.class);
 * Codec<List<PostSummary>> list = JacksonCodec.of(mapper, new TypeReference<List<PostSummary>>() { });
 * }</pre>
 *
 * @param <V> the type of the values
 */
public final class JacksonCodec<V> implements Codec<V> {
    private final ObjectMapper mapper;
    private final JavaType type;
    private final String id;

    private JacksonCodec(ObjectMapper mapper, JavaType type) {
        this.mapper = Objects.requireNonNull(mapper, "mapper must not be null");
        this.type = type;
        String name = "json:" + type.toCanonical().replaceAll("[^\\x21-\\x7e]", "");
        this.id = name.length() > 255 ? name.substring(0, 255) : name;
    }

    /**
     * Returns a codec for one class.
     *
     * @param mapper the mapper (thread-safe once configured)
     * @param type the class of the values
     * @param <V> the type of the values
     * @return a codec whose id is {@code json:} and the type's name
     */
    public static <V> JacksonCodec<V> of(ObjectMapper mapper, Class<V> type) {
        return new JacksonCodec<>(mapper, mapper.constructType(type));
    }

    /**
     * Returns a codec for a generic type such as {@code List<PostSummary>}.
     *
     * @param mapper the mapper (thread-safe once configured)
     * @param type the type of the values
     * @param <V> the type of the values
     * @return a codec whose id is {@code json:} and the type's name
     */
    public static <V> JacksonCodec<V> of(ObjectMapper mapper, TypeReference<V> type) {
        return new JacksonCodec<>(mapper, mapper.constructType(type));
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] encode(V value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public V decode(byte[] bytes) {
        try {
            return mapper.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON for " + type.toCanonical() + ": " + e.getMessage(), e);
        }
    }
}
