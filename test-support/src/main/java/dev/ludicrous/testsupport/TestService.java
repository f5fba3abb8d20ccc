package dev.ludicrous.testsupport;

import java.net.URI;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A service that integration tests talk to, with the environment variable that names its address
 * and the default used when the variable is unset.
 */
public enum TestService {
    /** The PostgreSQL server; its address is a JDBC URL. */
    POSTGRES("PostgreSQL", "LUDICROUS_TEST_PG", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres", 5432),
    /** The Redis server; its address is a {@code redis://} URI. */
    REDIS("Redis", "LUDICROUS_TEST_REDIS", "redis://127.0.0.1:6379", 6379);

    private final String displayName;
    private final String variable;
    private final String defaultAddress;
    private final int defaultPort;

    TestService(String displayName, String variable, String defaultAddress, int defaultPort) {
        this.displayName = displayName;
        this.variable = variable;
        this.defaultAddress = defaultAddress;
        this.defaultPort = defaultPort;
    }

    /** Returns the human name of the service, such as {@code PostgreSQL}. */
    public String displayName() {
        return displayName;
    }

    /** Returns the environment variable that overrides the address. */
    public String variable() {
        return variable;
    }

    /** Returns the address from the environment, or the default when the variable is unset or blank. */
    public String address() {
        return address(System::getenv);
    }

    String address(UnaryOperator<String> env) {
        String value = env.apply(variable);
        return value == null || value.isBlank() ? defaultAddress : value.trim();
    }

    /** Returns the host and port that the address points at, for a reachability probe. */
    Endpoint endpoint(String address) {
        String uriText = address.startsWith("jdbc:") ? address.substring("jdbc:".length()) : address;
        URI uri;
        try {
            uri = URI.create(uriText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    variable + " must be a URL such as " + defaultAddress + ", but was " + address, e);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(
                    variable + " must name a host, as in " + defaultAddress + ", but was " + address);
        }
        return new Endpoint(uri.getHost(), uri.getPort() == -1 ? defaultPort : uri.getPort());
    }

    /** A host and port. */
    record Endpoint(String host, int port) {
        Endpoint {
            Objects.requireNonNull(host, "host");
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
