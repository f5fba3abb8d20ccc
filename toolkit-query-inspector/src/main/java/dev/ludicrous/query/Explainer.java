package dev.ludicrous.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Runs {@code EXPLAIN} for slow {@code SELECT}s on a background thread, at most once per shape
 * per interval, and attaches the plan to the statement's entry. The queue is bounded: when it is
 * full, slow statements go unexplained rather than piling up.
 */
final class Explainer {
    private static final int MAX_SHAPES = 10_000;
    private static final int QUEUE = 64;
    private static final int TIMEOUT_SECONDS = 5;
    private static final int MAX_PLAN_LENGTH = 20_000;

    private final long thresholdNanos;
    private final long intervalNanos;
    private final DataSource dataSource;
    private final FaultLog faults;
    private final ConcurrentHashMap<String, Long> lastExplained = new ConcurrentHashMap<>();
    private final ThreadPoolExecutor executor;

    Explainer(Duration threshold, Duration interval, DataSource dataSource, FaultLog faults) {
        this.thresholdNanos = threshold.toNanos();
        this.intervalNanos = interval.toNanos();
        this.dataSource = dataSource;
        this.faults = faults;
        this.executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), task -> {
            Thread thread = new Thread(task, "ludicrous-query-explain");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.DiscardPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    void consider(Entry entry, Object statement, ThreadState state) {
        if (entry.nanos < thresholdNanos || entry.kind() != StatementKind.SELECT || entry.error != null
                || entry.batchSize > 1 || entry.sqlCut) {
            return;
        }
        long now = System.nanoTime();
        String shape = entry.shape.fingerprint();
        Long last = lastExplained.get(shape);
        if (last != null && now - last < intervalNanos) {
            return;
        }
        if (lastExplained.size() >= MAX_SHAPES) {
            lastExplained.clear();
        }
        lastExplained.put(shape, now);
        Object[] parameters = state != null && state.hasParametersOf(statement) ? state.parameterValues() : new Object[0];
        executor.execute(() -> explain(entry, parameters));
    }

    private void explain(Entry entry, Object[] parameters) {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (!(product.contains("postgres") || product.contains("h2") || product.contains("mysql")
                    || product.contains("mariadb"))) {
                return;
            }
            connection.setReadOnly(true);
            try (PreparedStatement explain = connection.prepareStatement("EXPLAIN " + entry.sql)) {
                explain.setQueryTimeout(TIMEOUT_SECONDS);
                for (int i = 0; i < parameters.length; i++) {
                    explain.setObject(i + 1, parameters[i]);
                }
                try (ResultSet plan = explain.executeQuery()) {
                    entry.plan = render(plan);
                }
            }
        } catch (SQLException | RuntimeException e) {
            faults.fault("EXPLAIN of a slow statement", e);
        }
    }

    private static String render(ResultSet plan) throws SQLException {
        ResultSetMetaData columns = plan.getMetaData();
        StringBuilder text = new StringBuilder();
        while (plan.next() && text.length() < MAX_PLAN_LENGTH) {
            if (text.length() > 0) {
                text.append('\n');
            }
            for (int column = 1; column <= columns.getColumnCount(); column++) {
                if (column > 1) {
                    text.append('\t');
                }
                text.append(plan.getString(column));
            }
        }
        return text.toString();
    }
}
