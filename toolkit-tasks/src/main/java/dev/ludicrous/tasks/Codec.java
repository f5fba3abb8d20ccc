package dev.ludicrous.tasks;

/**
 * Turns task arguments into text and back for brokers that cross processes. Never Java
 * serialization: the bytes come from a network store that others can write to.
 *
 * <p>{@link Tasks.Builder} picks {@code dev.ludicrous.tasks.jackson.JacksonCodec} when
 * Jackson 2's jackson-databind is on the class path, else {@code dev.ludicrous.tasks.jackson3.Jackson3Codec}
 * when Jackson 3's is, otherwise a codec for {@code String}, boxed primitives and
 * {@code java.util.UUID} only. Implementations must be thread-safe.
 */
public interface Codec {
    /**
     * Encodes a value.
     *
     * @param value the arguments, not {@code null}
     * @return the text
     * @throws IllegalArgumentException when the value cannot be encoded
     */
    String encode(Object value);

    /**
     * Decodes a value.
     *
     * @param text what {@link #encode} wrote
     * @param type the argument type
     * @param <T> the argument type
     * @return the value
     * @throws IllegalArgumentException when the text does not decode to {@code type}
     */
    <T> T decode(String text, Class<T> type);

    /**
     * Returns whether this codec can handle the type; checked when a task is defined so that a
     * mismatch fails at start-up, not on the first {@code delay}.
     *
     * @param type an argument type
     * @return {@code true} unless the codec knows it cannot
     */
    default boolean supports(Class<?> type) {
        return true;
    }
}
