package dev.ludicrous.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class ServiceConditionTest {

    private static UnaryOperator<String> env(Map<String, String> values) {
        return values::get;
    }

    @Test
    void defaultsApplyWhenVariablesAreUnset() {
        assertThat(TestService.POSTGRES.address(env(Map.of())))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        assertThat(TestService.REDIS.address(env(Map.of("LUDICROUS_TEST_REDIS", "  "))))
                .isEqualTo("redis://127.0.0.1:6379");
    }

    @Test
    void variablesOverrideTheDefaults() {
        assertThat(TestService.POSTGRES.address(env(Map.of("LUDICROUS_TEST_PG", "jdbc:postgresql://db:6543/x"))))
                .isEqualTo("jdbc:postgresql://db:6543/x");
    }

    @Test
    void endpointIsReadFromJdbcUrlsAndRedisUris() {
        assertThat(TestService.POSTGRES.endpoint("jdbc:postgresql://db.local:6543/test?user=postgres"))
                .isEqualTo(new TestService.Endpoint("db.local", 6543));
        assertThat(TestService.POSTGRES.endpoint("jdbc:postgresql://db.local/test"))
                .isEqualTo(new TestService.Endpoint("db.local", 5432));
        assertThat(TestService.REDIS.endpoint("redis://10.1.2.3"))
                .isEqualTo(new TestService.Endpoint("10.1.2.3", 6379));
    }

    @Test
    void addressWithoutHostIsRejectedNamingTheVariable() {
        assertThatThrownBy(() -> TestService.REDIS.endpoint("localhost6379"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LUDICROUS_TEST_REDIS")
                .hasMessageContaining("localhost6379");
    }

    @Test
    void unreachableServiceIsSkippedWithAMessageWhenCiIsUnset() {
        ServiceCondition condition = new ServiceCondition(env(Map.of()), endpoint -> Optional.of("refused"));

        ConditionEvaluationResult result = condition.evaluate(List.of(TestService.REDIS));

        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("Redis at 127.0.0.1:6379", "LUDICROUS_TEST_REDIS", "refused", "skipping"));
    }

    @Test
    void unreachableServiceFailsWhenCiIsSet() {
        ServiceCondition condition =
                new ServiceCondition(env(Map.of("CI", "true")), endpoint -> Optional.of("refused"));

        assertThatThrownBy(() -> condition.evaluate(List.of(TestService.POSTGRES)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PostgreSQL at 127.0.0.1:5432")
                .hasMessageContaining("CI is set");
    }

    @Test
    void ciSetToFalseStillSkips() {
        ServiceCondition condition =
                new ServiceCondition(env(Map.of("CI", "false")), endpoint -> Optional.of("refused"));

        assertThat(condition.evaluate(List.of(TestService.POSTGRES)).isDisabled()).isTrue();
    }

    @Test
    void reachableServicesEnableTheTest() {
        ServiceCondition condition = new ServiceCondition(env(Map.of("CI", "true")), endpoint -> Optional.empty());

        assertThat(condition.evaluate(List.of(TestService.POSTGRES, TestService.REDIS)).isDisabled()).isFalse();
    }

    @Test
    void probeTellsAListeningPortFromAClosedOne() throws IOException {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TestService.Endpoint open = new TestService.Endpoint("127.0.0.1", server.getLocalPort());
            assertThat(ServiceCondition.connect(open)).isEmpty();
            closedPort = server.getLocalPort();
        }
        assertThat(ServiceCondition.connect(new TestService.Endpoint("127.0.0.1", closedPort))).isPresent();
    }

    @Test
    void uniqueNamesAreLowercaseIdentifiersThatDiffer() {
        String first = TestServices.uniqueName("Cache_IT");
        String second = TestServices.uniqueName("Cache_IT");

        assertThat(first).matches("cache_it_[a-z0-9]{10}");
        assertThat(first).isNotEqualTo(second);
    }
}
