package dev.ludicrous.cache;

import java.nio.charset.StandardCharsets;

/** Strings as UTF-8. */
final class StringCodec implements Codec<String> {
    static final StringCodec INSTANCE = new StringCodec();

    private StringCodec() {
    }

    @Override
    public String id() {
        return "string";
    }

    @Override
    public byte[] encode(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    // A remote hit decodes straight from the stored envelope, without copying the payload out first.
    String decode(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
}
