package dev.ludicrous.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The two Lua scripts, each one round trip. Counters start from the Redis server's clock in
 * microseconds, so a counter lost to eviction comes back higher than any version it had: entries
 * that carry an old version can only read as stale. Lua numbers are doubles, exact up to 2^53,
 * far above a clock in microseconds plus the bumps a namespace sees.
 */
final class Scripts {
    private static final String SEED = """
            local t = redis.call('TIME')
            return t[1] .. string.format('%06d', tonumber(t[2]))
            """;

    /** KEYS: counters. Returns the current value of each, creating the missing ones. */
    static final Script CAPTURE = new Script("local seed = (function() " + SEED + " end)()\n" + """
            local out = {}
            for i, k in ipairs(KEYS) do
              local cur = redis.call('GET', k)
              if cur and tonumber(cur) then out[i] = cur else redis.call('SET', k, seed) out[i] = seed end
            end
            return out
            """);

    /**
     * KEYS: counters; ARGV[1]: channel, ARGV[2]: node id, ARGV[2 + i]: namespace of KEYS[i].
     * Increments each counter (creating a missing one from the clock) and publishes
     * "b version node namespace" for each.
     */
    static final Script BUMP = new Script("local seed = (function() " + SEED + " end)()\n" + """
            local out = {}
            for i, k in ipairs(KEYS) do
              local cur = redis.call('GET', k)
              local v
              if cur and tonumber(cur) then v = string.format('%.0f', redis.call('INCR', k))
              else v = seed redis.call('SET', k, v) end
              out[i] = v
              redis.call('PUBLISH', ARGV[1], 'b ' .. v .. ' ' .. ARGV[2] .. ' ' .. ARGV[i + 2])
            end
            return out
            """);

    private Scripts() {
    }

    /** A script's text and its SHA-1, for EVALSHA. */
    record Script(byte[] text, byte[] sha) {
        Script(String text) {
            this(text.getBytes(StandardCharsets.UTF_8), sha1(text));
        }

        private static byte[] sha1(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK must provide SHA-1", e);
            }
        }
    }
}
