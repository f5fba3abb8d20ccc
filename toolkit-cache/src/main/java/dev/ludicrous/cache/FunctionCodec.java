package dev.ludicrous.cache;

import java.util.Objects;
import java.util.function.Function;

/** A codec made of two functions. */
record FunctionCodec<V>(String id, Function<? super V, byte[]> encoder, Function<byte[], ? extends V> decoder)
        implements Codec<V> {
    FunctionCodec {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(decoder, "decoder");
    }

    @Override
    public byte[] encode(V value) {
        return encoder.apply(value);
    }

    @Override
    public V decode(byte[] bytes) {
        return decoder.apply(bytes);
    }
}
