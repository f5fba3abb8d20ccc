package dev.ludicrous.profiling.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A secret compared in constant time: both sides are hashed first, so neither the content nor
 * the length of the secret leaks through how long a comparison takes.
 */
final class TriggerSecret {
    private final byte[] digest;

    TriggerSecret(String secret) {
        this.digest = sha256(secret);
    }

    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(digest, sha256(candidate));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
