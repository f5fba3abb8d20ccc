package dev.ludicrous.benchmarks.cache;

import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.hibernate.CacheInvalidationIntegrator;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the cache's Hibernate integration costs a query that runs inside a transaction: every such
 * query fires Hibernate's auto-flush event, and the integration's listener looks a few stack
 * frames down to tell a bulk statement from a select. The same select by id, in its own
 * transaction, on an in-memory H2 database, through a session factory without the integration
 * (the floor) and one with it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HibernateListenerBenchmark {
    private static final int ITEMS = 100;

    private CacheManager manager;
    private SessionFactory plain;
    private SessionFactory integrated;
    private long next;

    /** Two session factories on one H2 database, 100 rows. */
    @Setup
    public void setUp() {
        manager = CacheManager.builder().build();
        String url = "jdbc:h2:mem:hibernate_listener_" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        plain = factory(url, null, "create");
        integrated = factory(url, manager, "none");
        plain.inTransaction(session -> {
            for (long id = 0; id < ITEMS; id++) {
                session.persist(new BenchItem(id, "item " + id));
            }
        });
    }

    private static SessionFactory factory(String url, CacheManager manager, String schema) {
        Configuration configuration = new Configuration().addAnnotatedClass(BenchItem.class)
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.hbm2ddl.auto", schema)
                .setProperty("hibernate.show_sql", "false");
        if (manager != null) {
            configuration.getProperties().put(CacheInvalidationIntegrator.MANAGER_PROPERTY, manager);
        }
        return configuration.buildSessionFactory();
    }

    /** Closes both factories and the manager. */
    @TearDown
    public void tearDown() {
        integrated.close();
        plain.close();
        manager.close();
    }

    private String select(SessionFactory factory) {
        long id = next++ % ITEMS;
        return factory.fromTransaction(session -> session
                .createSelectionQuery("from BenchItem where id = :id", BenchItem.class)
                .setParameter("id", id).getSingleResult().getName());
    }

    /** The floor: Hibernate alone. */
    @Benchmark
    public String selectInTransactionWithoutIntegration() {
        return select(plain);
    }

    /** The same with the cache's integrator listening. */
    @Benchmark
    public String selectInTransactionWithIntegration() {
        return select(integrated);
    }
}
