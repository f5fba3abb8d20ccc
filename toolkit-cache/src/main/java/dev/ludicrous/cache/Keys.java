package dev.ludicrous.cache;

import java.nio.charset.StandardCharsets;

/**
 * Builds Redis keys as bytes from a fixed prefix (encoded once) and a variable part, in one
 * allocation when the variable part is ASCII: on a remote read the key is built per call, and a
 * string concatenation then {@code getBytes} costs three objects and two copies.
 */
final class Keys {
    private Keys() {
    }

    static byte[] prefix(String prefix) {
        return prefix.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the UTF-8 bytes of the prefix followed by {@code key}. */
    static byte[] join(byte[] prefix, String key) {
        int length = key.length();
        byte[] out = new byte[prefix.length + length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                return joinUtf8(prefix, key);
            }
            out[prefix.length + i] = (byte) c;
        }
        return out;
    }

    private static byte[] joinUtf8(byte[] prefix, String key) {
        byte[] tail = key.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + tail.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(tail, 0, out, prefix.length, tail.length);
        return out;
    }
}
