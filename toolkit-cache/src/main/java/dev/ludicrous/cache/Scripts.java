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
    // The server clock in microseconds, as a string of digits: what a missing counter starts from.
    // Read only when a counter is missing, so the common path makes no TIME call.
    private static final String SEED = """
            local function seed()
              local t = redis.call('TIME')
              return t[1] .. string.format('%06d', tonumber(t[2]))
            end
            """;

    /**
     * KEYS: counters. Returns the current value of each as an integer, creating the missing ones.
     * A script because the check and the creation must be atomic, and the seed must come from one
     * clock (the server's); it runs only when a plain MGET found a counter missing.
     */
    static final Script CAPTURE = new Script(SEED + """
            local out = {}
            for i, k in ipairs(KEYS) do
              local got = redis.call('GET', k)
              local cur = got and string.match(got, '^%d+$') and tonumber(got)
              if not cur then local s = seed() redis.call('SET', k, s) cur = tonumber(s) end
              out[i] = cur
            end
            return out
            """);

    /**
     * KEYS: counters; ARGV[1]: channel, ARGV[1 + i]: " node namespace" for KEYS[i]. Increments
     * each counter (creating a missing one from the clock) and publishes "b version node namespace"
     * for each; returns the new version, or with several counters the new versions, as integers. A
     * script, not a pipelined INCR and PUBLISH, because the message must carry the version the INCR
     * returned (other nodes merge versions with max, so a late reply can never undo a bump), and a
     * missing counter must start from the clock, not from 1. INCR of a missing key returns 1, which
     * no seeded counter can hold, so the common path is one INCR and one PUBLISH.
     *
     * <p>Written for the script engine's cost, which a bump pays on top of a bare INCR: the message
     * tail comes ready from the client, '%d' formats the version, and a bump of one namespace (the
     * usual one) builds no table. Each saves a fraction of a microsecond of the server's time.
     */
    static final Script BUMP = new Script(SEED + """
            local function bump(key, tail)
              local v = redis.pcall('INCR', key)
              local text
              if type(v) == 'number' and v ~= 1 then text = string.format('%d', v)
              else text = seed() redis.call('SET', key, text) v = tonumber(text) end
              redis.call('PUBLISH', ARGV[1], 'b ' .. text .. tail)
              return v
            end
            if #KEYS == 1 then return bump(KEYS[1], ARGV[2]) end
            local out = {}
            for i = 1, #KEYS do out[i] = bump(KEYS[i], ARGV[i + 1]) end
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
