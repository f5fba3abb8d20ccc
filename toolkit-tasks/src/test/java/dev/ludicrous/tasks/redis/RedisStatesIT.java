package dev.ludicrous.tasks.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.tasks.TaskMessage;
import dev.ludicrous.tasks.TaskState;
import dev.ludicrous.tasks.TaskStatus;
import dev.ludicrous.testsupport.RequiresRedis;
import dev.ludicrous.testsupport.TestServices;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;

@RequiresRedis
class RedisStatesIT {
    private static final long MINUTE = Duration.ofMinutes(1).toMillis();

    private final String prefix = TestServices.uniqueName("tasks_states");
    private final RedisClient client = RedisClient.create(TestServices.redisUri());
    private final RedisBroker broker = RedisBroker.builder(client).keyPrefix(prefix).statusExpiry(Duration.ofMinutes(5))
            .build();

    @AfterEach
    void tearDown() {
        client.del(client.keys(prefix + ":*").toArray(new String[0]));
        broker.close();
        client.close();
    }

    private static TaskMessage message(String id) {
        // id, task, queue, attempt, enqueued, not before, idempotency key, retries, back-off, cap, flags, time limit, args
        return TaskMessage.fromWire("t1\n" + id + "\nreport\ndefault\n0\n1\n0\n\n3\n100\n1000\n1\n0\n1");
    }

    private void write(RedisStates states) {
        try (AbstractPipeline pipeline = client.pipelined()) {
            states.write(pipeline);
            pipeline.sync();
        }
    }

    @Test
    void tasksMadeInTheSame100MsShareOneHashAndEachIdIsReadBack() {
        RedisStates states = new RedisStates(broker);
        states.put(message("0abcdefX-1"), TaskStatus.SUCCEEDED, "", 0);
        states.put(message("0abcdefX-2"), TaskStatus.RETRYING, "attempt 1 of 3 failed: boom", 0);
        states.put(message("0abcdegY-1"), TaskStatus.DEAD, "unknown task 'report'", 0);
        write(states);

        assertThat(client.keys(prefix + ":st:*")).containsExactlyInAnyOrder(prefix + ":st:0abcdef", prefix + ":st:0abcdeg");
        assertThat(broker.states(List.of("0abcdegY-1", "0abcdefX-2", "nope", "", "0abcdefX-1"))).containsExactly(
                new TaskState(TaskStatus.DEAD, "report", "unknown task 'report'"),
                new TaskState(TaskStatus.RETRYING, "report", "attempt 1 of 3 failed: boom"),
                TaskState.UNKNOWN, TaskState.UNKNOWN,
                new TaskState(TaskStatus.SUCCEEDED, "report", ""));
    }

    @Test
    void aHashIsKeptForItsLongestWaitAndALaterShortChangeNeverShortensIt() {
        RedisStates states = new RedisStates(broker);
        states.put(message("0abcdefX-1"), TaskStatus.RETRYING, "boom", 10 * MINUTE); // next attempt in 10 minutes
        write(states);
        long retrying = client.pttl(prefix + ":st:0abcdef");
        assertThat(retrying).isBetween(14 * MINUTE, 15 * MINUTE);

        states.put(message("0abcdefX-2"), TaskStatus.SUCCEEDED, "", 0); // kept 5 minutes on its own
        write(states);
        assertThat(client.pttl(prefix + ":st:0abcdef")).isBetween(14 * MINUTE, retrying);

        client.pexpire(prefix + ":st:0abcdef", MINUTE); // as if most of the wait had passed
        states.put(message("0abcdefX-2"), TaskStatus.SUCCEEDED, "", 0);
        write(states);
        assertThat(client.pttl(prefix + ":st:0abcdef")).isBetween(4 * MINUTE, 5 * MINUTE);
    }

    @Test
    void theLastChangeOfATaskInABatchWinsAndRunningNeverHidesALaterChange() {
        RedisStates states = new RedisStates(broker);
        TaskMessage task = message("0abcdefX-1");
        states.put(task, TaskStatus.RETRYING, "boom", 0);
        states.put(task, TaskStatus.SUCCEEDED, "", 0);
        states.started(task);
        write(states);

        assertThat(broker.states(List.of("0abcdefX-1")).get(0).status()).isEqualTo(TaskStatus.SUCCEEDED);
    }
}
