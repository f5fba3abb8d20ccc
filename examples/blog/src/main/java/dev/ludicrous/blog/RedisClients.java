package dev.ludicrous.blog;

import java.net.URI;
import java.time.Duration;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The one pooled Redis client that the cache and the task broker share.
 *
 * <p>Jedis's defaults do not fit that sharing: a pool of 8 connections, and a borrower that waits
 * for a free one forever. Some connections are held for as long as the blog runs: the cache's
 * invalidation subscriber holds one, and the task broker's fetcher, acker, maintenance and
 * scheduler threads up to four (its fetcher blocked in {@code XREADGROUP}). That left three for
 * every request thread that reads or writes the shared tier at the same time, and a request
 * thread that found none waited with no bound. So the pool has room for requests beside the
 * {@value #LONG_HELD} long-held connections, and a borrower or a command that waits longer than
 * {@link #TIMEOUT} fails: the cache then serves from its local tier or the loader, as in an
 * outage, instead of holding the request.
 */
final class RedisClients {
    /** Connections the cache's subscriber (1) and the task broker (up to 4) may hold at once. */
    static final int LONG_HELD = 5;
    /** The longest a command, or the wait for a pooled connection, may take on loopback or a LAN. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    private RedisClients() {
    }

    static RedisClient create(URI uri, int poolSize) {
        if (poolSize <= LONG_HELD) {
            throw new IllegalArgumentException("redis.pool-size must be greater than " + LONG_HELD
                    + " (the connections the cache subscriber and the task broker hold), but was " + poolSize);
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMaxWait(TIMEOUT);
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis((int) TIMEOUT.toMillis())
                .socketTimeoutMillis((int) TIMEOUT.toMillis())
                .user(JedisURIHelper.getUser(uri))
                .password(JedisURIHelper.getPassword(uri))
                .ssl(JedisURIHelper.isRedisSSLScheme(uri));
        if (JedisURIHelper.hasDbIndex(uri)) {
            client.database(JedisURIHelper.getDBIndex(uri));
        }
        return RedisClient.builder()
                .hostAndPort(JedisURIHelper.getHostAndPort(uri))
                .clientConfig(client.build())
                .poolConfig(pool)
                .build();
    }
}
