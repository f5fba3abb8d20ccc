package dev.ludicrous.benchmarks.cache;

import java.net.URI;
import java.util.UUID;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The Redis the benchmarks use ({@code LUDICROUS_TEST_REDIS}), and a key prefix removed at the end. */
final class RedisBench {
    final String prefix = "ludicrous-bench:" + UUID.randomUUID() + ":";
    final RedisClient client = RedisClient.create(uri());

    static URI uri() {
        String value = System.getenv("LUDICROUS_TEST_REDIS");
        return URI.create(value == null || value.isBlank() ? "redis://127.0.0.1:6379" : value.trim());
    }

    void cleanUpAndClose() {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams match = new ScanParams().match(prefix + "*").count(1000);
        do {
            ScanResult<String> page = client.scan(cursor, match);
            if (!page.getResult().isEmpty()) {
                client.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        client.close();
    }
}
