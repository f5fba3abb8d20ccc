package dev.ludicrous.cache;

import dev.ludicrous.testsupport.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Raw access to the test Redis for one test: its own key prefix, clients it closes, and the
 * removal of every key under the prefix when done. Never FLUSHALL: the Redis is shared.
 */
final class RedisFixture implements AutoCloseable {
    final String prefix = TestServices.uniqueName("cache_it") + ":";
    final RedisClient raw = client(null);
    private final List<RedisClient> clients = new ArrayList<>(List.of(raw));

    RedisClient client(String name) {
        URI uri = TestServices.redisUri();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(1_000).socketTimeoutMillis(2_000);
        if (name != null) {
            config.clientName(name);
        }
        RedisClient client = RedisClient.builder().hostAndPort(new HostAndPort(uri.getHost(), uri.getPort()))
                .clientConfig(config.build()).build();
        if (clients != null) {
            clients.add(client);
        }
        return client;
    }

    RedisClient clientAt(HostAndPort address) {
        RedisClient client = RedisClient.builder().hostAndPort(address)
                .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(1_000).build())
                .build();
        clients.add(client);
        return client;
    }

    /** A client of a loopback port where nothing listens: every command fails to connect. */
    RedisClient clientWhereNothingListens() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return clientAt(new HostAndPort("127.0.0.1", port));
    }

    CacheManager.Builder manager(RedisClient client) {
        return CacheManager.builder().redis(client).keyPrefix(prefix);
    }

    String valueKey(String cache, String key) {
        return prefix + "v:" + cache + ":" + key;
    }

    String counterKey(String namespace) {
        return prefix + "n:" + namespace;
    }

    /** Copies the stored bytes of one entry under another key, as a writer that sends no message would. */
    void copyValue(String fromCache, String fromKey, String toCache, String toKey) {
        raw.set(valueKey(toCache, toKey).getBytes(StandardCharsets.UTF_8),
                raw.get(valueKey(fromCache, fromKey).getBytes(StandardCharsets.UTF_8)));
    }

    byte[] invalidationChannel() {
        return (prefix + "invalidations").getBytes(StandardCharsets.UTF_8);
    }

    /** Kills the pub/sub connection of the client named {@code clientName}, as a network fault would. */
    int killSubscription(String clientName) {
        String list = new String((byte[]) raw.sendCommand(Protocol.Command.CLIENT, "LIST", "TYPE", "pubsub"),
                StandardCharsets.UTF_8);
        int killed = 0;
        for (String line : list.split("\n")) {
            if (line.contains(" name=" + clientName + " ")) {
                String id = line.substring(3, line.indexOf(' '));
                raw.sendCommand(Protocol.Command.CLIENT, "KILL", "ID", id);
                killed++;
            }
        }
        return killed;
    }

    @Override
    public void close() {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match(prefix + "*").count(500);
        do {
            ScanResult<String> page = raw.scan(cursor, match);
            if (!page.getResult().isEmpty()) {
                raw.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        clients.forEach(client -> {
            try {
                client.close();
            } catch (RuntimeException e) {
                // already closed by the test
            }
        });
    }
}
