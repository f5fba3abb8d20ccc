package dev.ludicrous.tasks;

import dev.ludicrous.testsupport.TestServices;
import java.util.List;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** Opens clients on the test Redis and removes a test's keys (only those under its own prefix). */
final class RedisTestSupport {
    private RedisTestSupport() {
    }

    static RedisClient client() {
        return RedisClient.create(TestServices.redisUri());
    }

    static void deleteKeys(UnifiedJedis client, String prefix) {
        String cursor = ScanParams.SCAN_POINTER_START;
        ScanParams params = new ScanParams().match(prefix + ":*").count(1_000);
        do {
            ScanResult<String> page = client.scan(cursor, params);
            List<String> keys = page.getResult();
            if (!keys.isEmpty()) {
                client.del(keys.toArray(new String[0]));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }

    static long redisTimeMillis(UnifiedJedis client) {
        List<?> time = (List<?>) client.eval("return redis.call('TIME')");
        return Long.parseLong(time.get(0).toString()) * 1000 + Long.parseLong(time.get(1).toString()) / 1000;
    }
}
