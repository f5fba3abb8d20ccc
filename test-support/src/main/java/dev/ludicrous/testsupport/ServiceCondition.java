package dev.ludicrous.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a test only when the services it declares answer; with {@code CI} set, fails it instead of
 * skipping it.
 */
final class ServiceCondition implements ExecutionCondition {
    private static final int CONNECT_TIMEOUT_MILLIS = 1_000;

    // One probe per address and JVM: a suite has hundreds of tests and the answer does not change
    // in the seconds a suite runs.
    private static final Map<TestService.Endpoint, Optional<String>> PROBED = new ConcurrentHashMap<>();

    private final UnaryOperator<String> env;
    private final Function<TestService.Endpoint, Optional<String>> probe;

    ServiceCondition() {
        this(System::getenv, endpoint -> PROBED.computeIfAbsent(endpoint, ServiceCondition::connect));
    }

    ServiceCondition(UnaryOperator<String> env, Function<TestService.Endpoint, Optional<String>> probe) {
        this.env = env;
        this.probe = probe;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<TestService> needed = new ArrayList<>();
        context.getElement().ifPresent(element -> {
            if (AnnotationSupport.isAnnotated(element, RequiresPostgres.class)) {
                needed.add(TestService.POSTGRES);
            }
            if (AnnotationSupport.isAnnotated(element, RequiresRedis.class)) {
                needed.add(TestService.REDIS);
            }
        });
        return evaluate(needed);
    }

    ConditionEvaluationResult evaluate(List<TestService> services) {
        for (TestService service : services) {
            TestService.Endpoint endpoint = service.endpoint(service.address(env));
            Optional<String> failure = probe.apply(endpoint);
            if (failure.isPresent()) {
                String message = service.displayName() + " at " + endpoint + " (from " + service.variable()
                        + " or its default) is not reachable: " + failure.get();
                if (isCi()) {
                    throw new IllegalStateException(
                            message + "; CI is set, so integration tests fail instead of skipping."
                                    + " Start the service or point " + service.variable() + " at one.");
                }
                return ConditionEvaluationResult.disabled(
                        message + "; skipping (set CI=true to make this a failure)");
            }
        }
        return ConditionEvaluationResult.enabled("services reachable: " + services);
    }

    private boolean isCi() {
        String ci = env.apply("CI");
        if (ci == null || ci.isBlank()) {
            return false;
        }
        String value = ci.trim().toLowerCase(Locale.ROOT);
        return !value.equals("false") && !value.equals("0");
    }

    static Optional<String> connect(TestService.Endpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MILLIS);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
