package dev.ludicrous.tasks.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.tasks.Task;
import dev.ludicrous.tasks.TaskRejectedException;
import dev.ludicrous.tasks.TaskStatus;
import dev.ludicrous.tasks.Tasks;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;

class RedisBrokerTest {
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void redisDownAtDelayFailsTheCallWithAClearExceptionInsteadOfLosingTheTask() throws IOException {
        try (RedisClient client = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", closedPort()))
                .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).build()).build();
                Tasks tasks = Tasks.builder().worker(false).broker(RedisBroker.builder(client).build())
                        .task("send-email", String.class, s -> { }).build()) {
            Task<String> task = tasks.task("send-email", String.class);

            assertThatThrownBy(() -> task.delay("ann@example.com"))
                    .isInstanceOf(TaskRejectedException.class)
                    .hasMessageStartingWith("task 'send-email' was not queued: Redis could not be reached or refused the write:");
        }
    }

    @Test
    void withAnOutageBufferRedisDownAtDelayKeepsTheTaskUntilTheBrokerCloses() throws IOException {
        try (RedisClient client = RedisClient.builder().hostAndPort(new HostAndPort("127.0.0.1", closedPort()))
                .clientConfig(DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).build()).build()) {
            RedisBroker broker = RedisBroker.builder(client).outageBuffer(2).build();
            Tasks tasks = Tasks.builder().worker(false).broker(broker).task("send-email", String.class, s -> { }).build();
            Task<String> task = tasks.task("send-email", String.class);

            assertThat(task.delay("ann@example.com").status()).isEqualTo(TaskStatus.QUEUED);
            task.delay("bob@example.com");
            assertThat(broker.bufferedTasks()).isEqualTo(2);
            assertThatThrownBy(() -> task.delay("cy@example.com"))
                    .isInstanceOf(TaskRejectedException.class)
                    .hasMessageStartingWith("task 'send-email' was not queued: Redis could not be reached and the outage"
                            + " buffer is full (2 of 2 tasks wait for Redis)");

            tasks.close(); // logs the two lost tasks as an error
            assertThat(broker.bufferedTasks()).isZero();
        }
    }

    @Test
    void badSettingsFailAtBuildNamingTheSetting() {
        try (RedisClient client = RedisClient.create("redis://127.0.0.1:1")) {
            assertThatThrownBy(() -> RedisBroker.builder(client).keyPrefix("has space").build())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("keyPrefix must be 1 to 100 letters, digits or _ . : { } -, but was 'has space'");
            assertThatThrownBy(() -> RedisBroker.builder(client).visibilityTimeout(Duration.ofMillis(10)).build())
                    .hasMessage("visibilityTimeout must be at least PT0.1S, but was PT0.01S");
            assertThatThrownBy(() -> RedisBroker.builder(client).deliveryCap(0).build())
                    .hasMessage("deliveryCap must be between 1 and 1000, but was 0");
            assertThatThrownBy(() -> RedisBroker.builder(client).idempotencyTtl(Duration.ZERO).build())
                    .hasMessage("idempotencyTtl must be positive, but was PT0S");
            assertThatThrownBy(() -> RedisBroker.builder(client).pollInterval(Duration.ofMinutes(1)).build())
                    .hasMessage("pollInterval must be between PT0.01S and PT10S, but was PT1M");
            assertThatThrownBy(() -> RedisBroker.builder(client).statusExpiry(Duration.ofMillis(500)).build())
                    .hasMessage("statusExpiry must be between PT1S and PT8760H, but was PT0.5S");
            assertThatThrownBy(() -> RedisBroker.builder(client).outageBuffer(-1).build())
                    .hasMessage("outageBuffer must be between 0 and 1000000, but was -1");
        }
    }
}
