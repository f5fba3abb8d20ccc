package dev.ludicrous.tasks.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.tasks.Task;
import dev.ludicrous.tasks.TaskRejectedException;
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
        }
    }
}
