package dev.ludicrous.testsupport;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Locale;

/**
 * Addresses of the services that integration tests use, and names that keep tests apart on them.
 *
 * <p>Annotate an integration test with {@link RequiresPostgres} or {@link RequiresRedis} so it is
 * skipped (or, with {@code CI} set, failed) when the service does not answer.
 */
public final class TestServices {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private TestServices() {
    }

    /**
     * Returns the JDBC URL of the test PostgreSQL: {@code LUDICROUS_TEST_PG}, or
     * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}.
     */
    public static String postgresUrl() {
        return TestService.POSTGRES.address();
    }

    /** Returns the URI of the test Redis: {@code LUDICROUS_TEST_REDIS}, or {@code redis://127.0.0.1:6379}. */
    public static URI redisUri() {
        return URI.create(TestService.REDIS.address());
    }

    /**
     * Returns a name no other test run uses, for a schema, a table or a Redis key prefix:
     * {@code prefix} followed by an underscore and ten random lowercase letters and digits.
     * The result is a valid unquoted SQL identifier when {@code prefix} is one.
     */
    public static String uniqueName(String prefix) {
        StringBuilder name = new StringBuilder(prefix.toLowerCase(Locale.ROOT)).append('_');
        for (int i = 0; i < 10; i++) {
            name.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return name.toString();
    }
}
