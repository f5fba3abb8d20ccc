package dev.ludicrous.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Checks that the services every module's integration tests rely on are really there and answer. */
class ServicesReachableIT {

    @Test
    @RequiresRedis
    void redisAnswersPing() throws IOException {
        URI redis = TestServices.redisUri();
        try (Socket socket = new Socket(redis.getHost(), redis.getPort() == -1 ? 6379 : redis.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes("+PONG\r\n".length());
            assertThat(new String(reply, StandardCharsets.US_ASCII)).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    @RequiresPostgres
    void postgresAcceptsConnections() {
        TestService.Endpoint endpoint = TestService.POSTGRES.endpoint(TestServices.postgresUrl());
        assertThat(ServiceCondition.connect(endpoint)).isEmpty();
    }
}
