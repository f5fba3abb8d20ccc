package dev.ludicrous.query.p6spy;

import com.p6spy.engine.common.PreparedStatementInformation;
import com.p6spy.engine.common.ResultSetInformation;
import com.p6spy.engine.common.StatementInformation;
import com.p6spy.engine.event.JdbcEventListener;
import java.sql.SQLException;
import java.util.function.Consumer;

/** Passes the events the inspector uses to the listener of the inspector in use, read per event. */
final class ForwardingListener extends JdbcEventListener {

    private static void forward(Consumer<JdbcEventListener> event) {
        JdbcEventListener target = QueryInspectorModule.current();
        if (target != null) {
            event.accept(target);
        }
    }

    @Override
    public void onAfterPreparedStatementSet(PreparedStatementInformation info, int index, Object value, SQLException e) {
        forward(target -> target.onAfterPreparedStatementSet(info, index, value, e));
    }

    @Override
    public void onAfterExecuteQuery(PreparedStatementInformation info, long nanos, SQLException e) {
        forward(target -> target.onAfterExecuteQuery(info, nanos, e));
    }

    @Override
    public void onAfterExecuteQuery(StatementInformation info, long nanos, String sql, SQLException e) {
        forward(target -> target.onAfterExecuteQuery(info, nanos, sql, e));
    }

    @Override
    public void onAfterExecute(PreparedStatementInformation info, long nanos, SQLException e) {
        forward(target -> target.onAfterExecute(info, nanos, e));
    }

    @Override
    public void onAfterExecute(StatementInformation info, long nanos, String sql, SQLException e) {
        forward(target -> target.onAfterExecute(info, nanos, sql, e));
    }

    @Override
    public void onAfterExecuteUpdate(PreparedStatementInformation info, long nanos, int rows, SQLException e) {
        forward(target -> target.onAfterExecuteUpdate(info, nanos, rows, e));
    }

    @Override
    public void onAfterExecuteUpdate(StatementInformation info, long nanos, String sql, int rows, SQLException e) {
        forward(target -> target.onAfterExecuteUpdate(info, nanos, sql, rows, e));
    }

    @Override
    public void onAfterAddBatch(PreparedStatementInformation info, long nanos, SQLException e) {
        forward(target -> target.onAfterAddBatch(info, nanos, e));
    }

    @Override
    public void onAfterAddBatch(StatementInformation info, long nanos, String sql, SQLException e) {
        forward(target -> target.onAfterAddBatch(info, nanos, sql, e));
    }

    @Override
    public void onAfterExecuteBatch(StatementInformation info, long nanos, int[] updateCounts, SQLException e) {
        forward(target -> target.onAfterExecuteBatch(info, nanos, updateCounts, e));
    }

    @Override
    public void onAfterResultSetNext(ResultSetInformation info, long nanos, boolean hasNext, SQLException e) {
        forward(target -> target.onAfterResultSetNext(info, nanos, hasNext, e));
    }

    @Override
    public void onAfterResultSetClose(ResultSetInformation info, SQLException e) {
        forward(target -> target.onAfterResultSetClose(info, e));
    }
}
