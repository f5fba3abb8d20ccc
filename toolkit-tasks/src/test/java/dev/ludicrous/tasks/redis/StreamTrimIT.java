package dev.ludicrous.tasks.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

@RequiresRedis
class StreamTrimIT {
    private final String prefix = TestServices.uniqueName("tasks_trim");
    private final RedisClient client = RedisClient.create(TestServices.redisUri());
    private final String stream = prefix + ":q:default";

    @AfterEach
    void tearDown() {
        client.del(stream);
        client.close();
    }

    private long trim() {
        return ((Number) client.eval(RedisScripts.TRIM, List.of(stream), List.of())).longValue();
    }

    @Test
    void trimmingKeepsEveryEntryThatIsUndeliveredOrUnacknowledged() {
        client.xgroupCreate(stream, RedisKeys.GROUP, new StreamEntryID(0, 0), true);
        List<StreamEntryID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(client.xadd(stream, XAddParams.xAddParams(), Map.of("m", "task " + i)));
        }
        List<StreamEntry> delivered = client.xreadGroup(RedisKeys.GROUP, "node-a",
                XReadGroupParams.xReadGroupParams().count(5), Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY))
                .get(0).getValue();
        assertThat(delivered).hasSize(5);
        client.xack(stream, RedisKeys.GROUP, ids.get(0), ids.get(1), ids.get(3));

        assertThat(trim()).isEqualTo(2);
        // Entry 2 is still pending, so it and everything after it stay.
        assertThat(client.xrange(stream, "-", "+").get(0).getID()).isEqualTo(ids.get(2));
        assertThat(client.xlen(stream)).isEqualTo(8);

        client.xack(stream, RedisKeys.GROUP, ids.get(2), ids.get(4));
        trim();
        // Nothing pending: entries up to the last delivered one (4) go; 5..9 were never delivered and stay.
        assertThat(client.xrange(stream, "-", "+").stream().map(StreamEntry::getID).toList())
                .containsExactlyElementsOf(ids.subList(4, 10));
    }

    @Test
    void consumersOfGoneNodesAreForgottenOnlyWhenNothingIsPendingForThem() {
        client.xgroupCreate(stream, RedisKeys.GROUP, new StreamEntryID(0, 0), true);
        client.xadd(stream, XAddParams.xAddParams(), Map.of("m", "task"));
        client.xreadGroup(RedisKeys.GROUP, "node-busy", XReadGroupParams.xReadGroupParams().count(1),
                Map.of(stream, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        client.xgroupCreateConsumer(stream, RedisKeys.GROUP, "node-gone");

        Object removed = client.eval(RedisScripts.FORGET_IDLE_CONSUMERS, List.of(stream), List.of(RedisKeys.GROUP, "0"));

        assertThat(removed).isEqualTo(1L);
        assertThat(client.xinfoConsumers2(stream, RedisKeys.GROUP)).extracting(c -> c.getName())
                .containsExactly("node-busy");
    }
}
