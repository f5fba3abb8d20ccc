package dev.ludicrous.query.p6spy;

import com.p6spy.engine.event.JdbcEventListener;
import com.p6spy.engine.spy.P6Factory;
import com.p6spy.engine.spy.P6LoadableOptions;
import com.p6spy.engine.spy.option.P6OptionsRepository;
import dev.ludicrous.query.QueryInspector;
import java.util.Map;
import javax.management.StandardMBean;

/**
 * A p6spy module, for applications that already run p6spy through its driver
 * ({@code jdbc:p6spy:...} URLs) or {@code P6DataSource}: list it in {@code spy.properties}
 * ({@code modulelist=dev.ludicrous.query.p6spy.QueryInspectorModule}) and hand it your inspector
 * once at start-up with {@link #use(QueryInspector)}. Statements then reach the inspector without
 * {@link QueryInspector#wrap}; do not do both, or each statement is counted twice.
 *
 * <p>p6spy creates modules by class name, so the inspector is held in one static field here:
 * the only JVM-wide state in this module. Until {@code use} is called, statements pass through.
 */
public final class QueryInspectorModule implements P6Factory {
    private static volatile QueryInspector inspector;

    /** Creates the module; p6spy does this from {@code spy.properties}. */
    public QueryInspectorModule() {
    }

    /**
     * Sets the inspector that statements seen by p6spy are recorded into.
     *
     * @param target the inspector; {@code null} stops recording
     */
    public static void use(QueryInspector target) {
        inspector = target;
    }

    static JdbcEventListener current() {
        QueryInspector target = inspector;
        return target == null ? null : target.listener();
    }

    @Override
    public P6LoadableOptions getOptions(P6OptionsRepository repository) {
        return new NoOptions();
    }

    /** The inspector is configured by its builder, not by spy.properties; p6spy wants an MBean all the same. */
    static final class NoOptions extends StandardMBean implements P6LoadableOptions {
        NoOptions() {
            super(P6LoadableOptions.class, false);
        }

        @Override
        public void load(Map<String, String> options) {
            // nothing to load
        }

        @Override
        public Map<String, String> getDefaults() {
            return Map.of();
        }
    }

    @Override
    public JdbcEventListener getJdbcEventListener() {
        return new ForwardingListener();
    }
}
