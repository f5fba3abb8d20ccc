package dev.ludicrous.tasks.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludicrous.tasks.Task;
import dev.ludicrous.tasks.TaskHandle;
import dev.ludicrous.tasks.TaskListener;
import dev.ludicrous.tasks.TaskStatus;
import dev.ludicrous.tasks.Tasks;
import dev.ludicrous.testsupport.RequiresPostgres;
import dev.ludicrous.testsupport.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@RequiresPostgres
class HibernateAfterCommitIT {
    private final String schema = TestServices.uniqueName("tasks_tx");
    private SessionFactory sessions;
    private Tasks tasks;
    private final Map<Long, Long> rowsSeenByWorker = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();

    @BeforeEach
    void setUp() throws SQLException {
        try (Connection c = DriverManager.getConnection(TestServices.postgresUrl()); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
            s.execute("create table " + schema + ".orders (id bigint primary key)");
        }
        sessions = new Configuration()
                .setProperty("hibernate.connection.url", TestServices.postgresUrl())
                .setProperty("hibernate.connection.pool_size", "2")
                .buildSessionFactory();
        TaskListener countQueued = new TaskListener() {
            @Override
            public void queued(String task, String queue) {
                queued.incrementAndGet();
            }
        };
        tasks = Tasks.builder().listener(countQueued).task("confirm-order", Long.class, id -> {
            // The worker reads the order the transaction wrote: it must already be committed.
            try (Connection c = DriverManager.getConnection(TestServices.postgresUrl());
                    PreparedStatement q = c.prepareStatement("select count(*) from " + schema + ".orders where id = ?")) {
                q.setLong(1, id);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    rowsSeenByWorker.put(id, rs.getLong(1));
                }
            }
        }).build();
    }

    @AfterEach
    void tearDown() throws SQLException {
        tasks.close();
        sessions.close();
        try (Connection c = DriverManager.getConnection(TestServices.postgresUrl()); Statement s = c.createStatement()) {
            s.execute("drop schema " + schema + " cascade");
        }
    }

    @Test
    void theTaskIsSentAfterTheCommitAndTheWorkerSeesWhatTheTransactionWrote() throws Exception {
        Task<Long> confirm = tasks.task("confirm-order", Long.class);
        CompletionStage<TaskHandle> sent;
        try (Session session = sessions.openSession()) {
            session.beginTransaction();
            session.createNativeMutationQuery("insert into " + schema + ".orders (id) values (1)").executeUpdate();
            sent = confirm.delayAfterCommit(HibernateTransactions.of(session), 1L);
            assertThat(queued).hasValue(0);
            session.getTransaction().commit();
        }
        TaskHandle handle = sent.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(handle.completion().toCompletableFuture().get(10, TimeUnit.SECONDS)).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(rowsSeenByWorker).containsEntry(1L, 1L);
    }

    @Test
    void aRollbackSendsNothing() throws Exception {
        Task<Long> confirm = tasks.task("confirm-order", Long.class);
        CompletionStage<TaskHandle> sent;
        try (Session session = sessions.openSession()) {
            session.beginTransaction();
            session.createNativeMutationQuery("insert into " + schema + ".orders (id) values (2)").executeUpdate();
            sent = confirm.delayAfterCommit(HibernateTransactions.of(session), 2L);
            session.getTransaction().rollback();
        }
        Throwable outcome = sent.handle((h, e) -> e).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(outcome).isInstanceOf(CancellationException.class);
        assertThat(queued).hasValue(0);
        assertThat(rowsSeenByWorker).isEmpty();
    }

    @Test
    void withoutATransactionTheCallFailsAtOnce() {
        Task<Long> confirm = tasks.task("confirm-order", Long.class);
        try (Session session = sessions.openSession()) {
            assertThatThrownBy(() -> confirm.delayAfterCommit(HibernateTransactions.of(session), 3L))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("delayAfterCommit needs an active transaction on this Hibernate session");
        }
    }
}
