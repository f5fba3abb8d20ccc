package dev.ludicrous.cache;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.SetParams;

/**
 * Every command this library sends to Redis, each one round trip, behind the circuit breaker.
 * A failure (or an open circuit) surfaces as {@link Unavailable}, which callers turn into a
 * fall-back to the local tier and the loader.
 */
final class RemoteTier {
    private final UnifiedJedis redis;
    private final CircuitBreaker breaker;
    private final byte[] channel;

    RemoteTier(UnifiedJedis redis, CircuitBreaker breaker, String channel) {
        this.redis = redis;
        this.breaker = breaker;
        this.channel = channel.getBytes(StandardCharsets.UTF_8);
    }

    boolean available() {
        return !breaker.isOpen();
    }

    /** GET: a read of one value that needs no counter, the same command as a raw read. */
    byte[] get(byte[] key) {
        enter();
        try {
            byte[] value = redis.get(key);
            breaker.success();
            return value;
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    List<byte[]> mget(byte[][] keys) {
        enter();
        try {
            List<byte[]> values = redis.mget(keys);
            breaker.success();
            return values;
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** SET with a TTL for each key, and the messages to publish, in one pipeline. */
    void set(List<byte[]> keys, List<byte[]> values, long ttlMillis, List<byte[]> messages) {
        enter();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            SetParams params = SetParams.setParams().px(ttlMillis);
            for (int i = 0; i < keys.size(); i++) {
                pipeline.set(keys.get(i), values.get(i), params);
            }
            for (byte[] message : messages) {
                pipeline.publish(channel, message);
            }
            pipeline.sync();
            breaker.success();
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    /** SET NX PX: whether this node now holds the lease on loading a key. */
    boolean tryLease(byte[] key, byte[] owner, long leaseMillis) {
        enter();
        try {
            String reply = redis.set(key, owner, SetParams.setParams().nx().px(leaseMillis));
            breaker.success();
            return "OK".equals(reply);
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    void delete(byte[] key, byte[] message) {
        enter();
        try (AbstractPipeline pipeline = redis.pipelined()) {
            pipeline.del(key);
            pipeline.publish(channel, message);
            pipeline.sync();
            breaker.success();
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    long[] capture(byte[][] counterKeys) {
        return versions(eval(Scripts.CAPTURE, Arrays.asList(counterKeys), List.of()));
    }

    /** @param tailPrefix {@code " <node> "}: the message of a bump ends with it and the namespace */
    long[] bump(byte[][] counterKeys, String[] namespaces, byte[] tailPrefix) {
        List<byte[]> args = new ArrayList<>(namespaces.length + 1);
        args.add(channel);
        for (String namespace : namespaces) {
            args.add(Keys.join(tailPrefix, namespace));
        }
        return versions(eval(Scripts.BUMP, Arrays.asList(counterKeys), args));
    }

    private Object eval(Scripts.Script script, List<byte[]> keys, List<byte[]> args) {
        enter();
        try {
            Object result;
            try {
                result = redis.evalsha(script.sha(), keys, args);
            } catch (JedisNoScriptException e) {
                result = redis.eval(script.text(), keys, args);
            }
            breaker.success();
            return result;
        } catch (RuntimeException e) {
            throw fail(e);
        }
    }

    private static long[] versions(Object reply) {
        if (reply instanceof Long version) {
            return new long[] {version};
        }
        List<?> values = (List<?>) reply;
        long[] versions = new long[values.size()];
        for (int i = 0; i < versions.length; i++) {
            Object value = values.get(i);
            versions[i] = value instanceof Long number ? number
                    : Long.parseLong(new String((byte[]) value, StandardCharsets.US_ASCII));
        }
        return versions;
    }

    /** Parses a counter read by MGET; anything but a number is a missing counter. */
    static long counter(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > 19) {
            return Versions.UNKNOWN;
        }
        long value = 0;
        for (byte b : bytes) {
            if (b < '0' || b > '9') {
                return Versions.UNKNOWN;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    private void enter() {
        if (!breaker.allow()) {
            throw Unavailable.INSTANCE;
        }
    }

    private Unavailable fail(RuntimeException e) {
        breaker.failure(e);
        return Unavailable.INSTANCE;
    }

    /** Redis could not be used for this call; the caller falls back. */
    static final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Unavailable INSTANCE = new Unavailable();

        private Unavailable() {
            super("Redis is unavailable", null, false, false);
        }
    }
}
