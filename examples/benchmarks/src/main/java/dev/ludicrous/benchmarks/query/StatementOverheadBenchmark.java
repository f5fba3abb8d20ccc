package dev.ludicrous.benchmarks.query;

import com.p6spy.engine.common.ConnectionInformation;
import com.p6spy.engine.event.JdbcEventListener;
import com.p6spy.engine.wrapper.ConnectionWrapper;
import dev.ludicrous.query.QueryInspector;
import dev.ludicrous.query.QueryScope;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One prepared {@code SELECT name FROM author WHERE id = ?} reading one row from H2 in memory,
 * through: raw JDBC; the query inspector in an open scope with call sites off and on; p6spy's
 * wrapper with a listener that does nothing; datasource-proxy with its query counter.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StatementOverheadBenchmark {
    private static final int ROWS = 1_000;

    private Connection rawConnection;
    private PreparedStatement raw;
    private PreparedStatement inspectorNoCallSites;
    private PreparedStatement inspectorCallSites;
    private PreparedStatement p6spyNoop;
    private PreparedStatement datasourceProxyCount;
    private QueryInspector quietInspector;
    private QueryInspector fullInspector;
    private QueryScope quietScope;
    private QueryScope fullScope;
    private long id;

    @Setup
    public void setUp() throws SQLException {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1");
        try (Connection connection = h2.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists author (id bigint primary key, name varchar(100))");
            statement.execute("delete from author");
            for (int i = 0; i < ROWS; i++) {
                statement.execute("insert into author values (" + i + ", 'author " + i + "')");
            }
        }
        String sql = "select name from author where id = ?";
        rawConnection = h2.getConnection();
        raw = rawConnection.prepareStatement(sql);

        quietInspector = QueryInspector.builder().callSites(false).build();
        inspectorNoCallSites = quietInspector.wrap((DataSource) h2).getConnection().prepareStatement(sql);
        fullInspector = QueryInspector.builder().build();
        inspectorCallSites = fullInspector.wrap((DataSource) h2).getConnection().prepareStatement(sql);

        Connection plain = h2.getConnection();
        p6spyNoop = ConnectionWrapper.wrap(plain, new JdbcEventListener() {
        }, ConnectionInformation.fromDataSource(h2, plain, 0)).prepareStatement(sql);

        DataSource proxied = ProxyDataSourceBuilder.create(h2).countQuery().build();
        datasourceProxyCount = proxied.getConnection().prepareStatement(sql);
    }

    /** A scope per iteration: like a long request, it keeps 1 000 statements in detail and counts the rest. */
    @Setup(Level.Iteration)
    public void openScopes() {
        quietScope = quietInspector.open("benchmark");
        fullScope = fullInspector.open("benchmark");
    }

    @TearDown(Level.Iteration)
    public void closeScopes() {
        fullScope.close();
        quietScope.close();
    }

    private String select(PreparedStatement statement) throws SQLException {
        id = (id + 1) % ROWS;
        statement.setLong(1, id);
        try (ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Benchmark
    public String rawJdbc() throws SQLException {
        return select(raw);
    }

    @Benchmark
    public String inspectorCallSitesOff() throws SQLException {
        return select(inspectorNoCallSites);
    }

    @Benchmark
    public String inspectorCallSitesOn() throws SQLException {
        return select(inspectorCallSites);
    }

    @Benchmark
    public String p6spyNoopListener() throws SQLException {
        return select(p6spyNoop);
    }

    @Benchmark
    public String datasourceProxyCountQuery() throws SQLException {
        return select(datasourceProxyCount);
    }
}
