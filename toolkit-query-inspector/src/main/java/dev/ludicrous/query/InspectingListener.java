package dev.ludicrous.query;

import com.p6spy.engine.common.PreparedStatementInformation;
import com.p6spy.engine.common.ResultSetInformation;
import com.p6spy.engine.common.StatementInformation;
import com.p6spy.engine.event.JdbcEventListener;
import java.sql.SQLException;

/**
 * The p6spy listener that turns JDBC events into recorded statements. Every method returns at once
 * when no scope is open, and catches its own faults: the application's statement always goes on.
 */
final class InspectingListener extends JdbcEventListener {
    private static final long UNKNOWN_ROWS = -1;

    private final QueryInspector inspector;

    InspectingListener(QueryInspector inspector) {
        this.inspector = inspector;
    }

    @Override
    public void onAfterPreparedStatementSet(PreparedStatementInformation info, int index, Object value, SQLException e) {
        if (!inspector.recording()) {
            return;
        }
        try {
            ThreadState state = inspector.threadState(true);
            if (state != null) {
                state.setParameter(info, index, value);
            }
        } catch (RuntimeException | LinkageError fault) {
            inspector.fault("capturing a parameter", fault);
        }
    }

    @Override
    public void onAfterExecuteQuery(PreparedStatementInformation info, long nanos, SQLException e) {
        record(info, info.getSql(), nanos, e, 1, UNKNOWN_ROWS);
    }

    @Override
    public void onAfterExecuteQuery(StatementInformation info, long nanos, String sql, SQLException e) {
        record(info, sql, nanos, e, 1, UNKNOWN_ROWS);
    }

    @Override
    public void onAfterExecute(PreparedStatementInformation info, long nanos, SQLException e) {
        record(info, info.getSql(), nanos, e, 1, UNKNOWN_ROWS);
    }

    @Override
    public void onAfterExecute(StatementInformation info, long nanos, String sql, SQLException e) {
        record(info, sql, nanos, e, 1, UNKNOWN_ROWS);
    }

    @Override
    public void onAfterExecuteUpdate(PreparedStatementInformation info, long nanos, int rows, SQLException e) {
        record(info, info.getSql(), nanos, e, 1, e == null ? rows : UNKNOWN_ROWS);
    }

    @Override
    public void onAfterExecuteUpdate(StatementInformation info, long nanos, String sql, int rows, SQLException e) {
        record(info, sql, nanos, e, 1, e == null ? rows : UNKNOWN_ROWS);
    }

    @Override
    public void onAfterAddBatch(PreparedStatementInformation info, long nanos, SQLException e) {
        addBatch(info);
    }

    @Override
    public void onAfterAddBatch(StatementInformation info, long nanos, String sql, SQLException e) {
        addBatch(info);
    }

    private void addBatch(StatementInformation info) {
        if (!inspector.recording()) {
            return;
        }
        try {
            ThreadState state = inspector.threadState(true);
            if (state != null) {
                state.addBatch(info);
            }
        } catch (RuntimeException | LinkageError fault) {
            inspector.fault("counting a batch", fault);
        }
    }

    @Override
    public void onAfterExecuteBatch(StatementInformation info, long nanos, int[] updateCounts, SQLException e) {
        if (!inspector.recording()) {
            return;
        }
        int size = 0;
        long rows = 0;
        try {
            ThreadState state = inspector.threadState(false);
            int added = state == null ? 0 : state.takeBatchCount(info);
            if (updateCounts != null) {
                size = updateCounts.length;
                for (int count : updateCounts) {
                    rows += Math.max(count, 0);
                }
            } else {
                size = added;
                rows = UNKNOWN_ROWS;
            }
        } catch (RuntimeException | LinkageError fault) {
            inspector.fault("reading a batch", fault);
        }
        record(info, info.getSql(), nanos, e, Math.max(size, 1), rows);
    }

    @Override
    public void onAfterResultSetNext(ResultSetInformation info, long nanos, boolean hasNext, SQLException e) {
        if (hasNext && inspector.recording()) {
            info.incrementCurrRow();
        }
    }

    @Override
    public void onAfterResultSetClose(ResultSetInformation info, SQLException e) {
        if (!inspector.recording()) {
            return;
        }
        try {
            ThreadState state = inspector.threadState(false);
            Entry entry = state == null ? null : state.tracked(info.getStatementInformation());
            if (entry != null) {
                long read = info.getCurrRow() + 1L;
                entry.rows = entry.rows > 0 ? entry.rows + read : read;
            }
        } catch (RuntimeException | LinkageError fault) {
            inspector.fault("counting rows", fault);
        }
    }

    private void record(StatementInformation info, String sql, long nanos, SQLException error, int batchSize, long rows) {
        if (!inspector.recording() || sql == null) {
            return;
        }
        try {
            inspector.record(info, sql, nanos, error, batchSize, rows);
        } catch (RuntimeException | LinkageError fault) {
            inspector.fault("recording a statement", fault);
        }
    }
}
