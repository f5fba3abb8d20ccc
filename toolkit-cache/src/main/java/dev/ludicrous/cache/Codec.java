package dev.ludicrous.cache;

/**
 * Turns values into bytes for the shared (Redis) tier and back.
 *
 * <p>A codec is identified by {@link #id()}, which is stored beside every value it encodes: a value
 * written by another codec (or by another application under the same key) is never handed to
 * {@link #decode}; it is treated as a miss. Implementations must be thread-safe and must not use
 * Java serialization, which turns untrusted bytes into arbitrary objects.
 *
 * <pre>{@code
 * Codec<Integer> ints = Codec.of("int", i -> Integer.toString(i).getBytes(UTF_8),
 *         bytes -> Integer.parseInt(new String(bytes, UTF_8)));
 * }</pre>
 *
 * @param <V> the type of the values
 */
public interface Codec<V> {
    /**
     * Returns a short name for the format, at most 255 ASCII characters, such as {@code "string"} or
     * {@code "json:Post"}. Change it when the format changes, so that old bytes read as misses.
     *
     * @return the identifier stored with every encoded value
     */
    String id();

    /**
     * Encodes a value.
     *
     * @param value the value, never {@code null}
     * @return its bytes, never {@code null}
     * @throws RuntimeException when the value cannot be encoded; the cache then refuses the value
     */
    byte[] encode(V value);

    /**
     * Decodes bytes that this codec (same {@link #id()}) encoded.
     *
     * @param bytes the bytes, never {@code null}
     * @return the value, never {@code null}
     * @throws RuntimeException when the bytes are not a valid value; the cache then treats them as a miss
     */
    V decode(byte[] bytes);

    /**
     * Returns the codec for strings, as UTF-8.
     *
     * @return a codec with the id {@code "string"}
     */
    static Codec<String> string() {
        return StringCodec.INSTANCE;
    }

    /**
     * Returns the codec for byte arrays, stored as they are.
     *
     * @return a codec with the id {@code "bytes"}
     */
    static Codec<byte[]> bytes() {
        return BytesCodec.INSTANCE;
    }

    /**
     * Builds a codec from two functions.
     *
     * @param id the identifier stored with every value, as in {@link #id()}
     * @param encoder turns a value into bytes
     * @param decoder turns bytes back into a value
     * @param <V> the type of the values
     * @return a codec that calls the two functions
     * @throws IllegalArgumentException when {@code id} is blank, longer than 255 characters or not ASCII
     */
    static <V> Codec<V> of(String id, java.util.function.Function<? super V, byte[]> encoder,
            java.util.function.Function<byte[], ? extends V> decoder) {
        return new FunctionCodec<>(CodecIds.check(id), encoder, decoder);
    }
}
