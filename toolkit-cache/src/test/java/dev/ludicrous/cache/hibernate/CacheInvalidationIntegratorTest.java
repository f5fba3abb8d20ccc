package dev.ludicrous.cache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.cache.Cache;
import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.Codec;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hibernate (7, and 6.6 in the build's second run) on an in-memory H2 database, with the integrator
 * found through META-INF/services.
 */
class CacheInvalidationIntegratorTest {
    private final CacheManager manager = CacheManager.builder().build();
    private final Cache<String> pages = manager.cache("pages", Codec.string());
    private final AtomicInteger renders = new AtomicInteger();
    private final SessionFactory sessions = sessionFactory();

    private SessionFactory sessionFactory() {
        Configuration configuration = new Configuration().addAnnotatedClass(Post.class).addAnnotatedClass(Article.class)
                .setProperty("hibernate.connection.url", "jdbc:h2:mem:" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
                .setProperty("hibernate.hbm2ddl.auto", "create-drop");
        // snippet: hibernate
        configuration.getProperties().put(CacheInvalidationIntegrator.MANAGER_PROPERTY, manager);
        // end-snippet
        return configuration.buildSessionFactory();
    }

    @AfterEach
    void close() {
        sessions.close();
    }

    private String postPage(long id) {
        return pages.dependingOn(EntityNamespaces.object(Post.class, id)).get("/posts/" + id,
                () -> "post " + id + " render " + renders.incrementAndGet());
    }

    private long save(Post post) {
        return sessions.fromTransaction(session -> {
            session.persist(post);
            return post.id;
        });
    }

    private String listing() {
        return pages.dependingOn(EntityNamespaces.type(Post.class)).get("/", () -> "list " + renders.incrementAndGet());
    }

    @Test
    void commitOfAnInsertUpdateOrDeleteBumpsTheTypeAndTheObject() {
        long id = save(new Post("hello"));
        long otherId = save(new Post("other"));
        String page = postPage(id);
        String other = postPage(otherId);
        String list = listing();

        sessions.inTransaction(session -> session.find(Post.class, id).title = "changed");

        assertThat(postPage(id)).isNotEqualTo(page);
        assertThat(postPage(otherId)).isEqualTo(other);
        assertThat(listing()).isNotEqualTo(list);

        String beforeDelete = postPage(id);
        sessions.inTransaction(session -> session.remove(session.find(Post.class, id)));
        assertThat(postPage(id)).isNotEqualTo(beforeDelete);
    }

    @Test
    void nothingIsBumpedBeforeTheCommitNorOnRollback() {
        long id = save(new Post("hello"));
        String page = postPage(id);
        long bumps = manager.bumps();

        try (Session session = sessions.openSession()) {
            session.beginTransaction();
            session.find(Post.class, id).title = "flushed, not committed";
            session.flush();
            assertThat(postPage(id)).isEqualTo(page);
            assertThat(manager.bumps()).isEqualTo(bumps);
            session.getTransaction().rollback();
        }
        assertThat(postPage(id)).isEqualTo(page);
        assertThat(manager.bumps()).isEqualTo(bumps);
    }

    @Test
    void changedCollectionBumpsItsOwnerAfterCommitOnly() {
        long id = save(new Post("hello"));
        String page = postPage(id);

        try (Session session = sessions.openSession()) {
            session.beginTransaction();
            session.find(Post.class, id).tags.add("rolled-back");
            session.flush();
            session.getTransaction().rollback();
        }
        assertThat(postPage(id)).isEqualTo(page);

        sessions.inTransaction(session -> session.find(Post.class, id).tags.add("java"));
        assertThat(postPage(id)).isNotEqualTo(page);
    }

    @Test
    void changedCollectionOfASubtypeBumpsTheSubtypeAndItsSupertype() {
        long id = save(new Article("hello"));
        Cache<String> articlePages = pages.dependingOn(EntityNamespaces.object(Article.class, id));
        String articlePage = articlePages.get("/articles/" + id, () -> "article render " + renders.incrementAndGet());
        String postPage = postPage(id);

        // The collection is declared on Post; the owner that changed is an Article.
        sessions.inTransaction(session -> session.find(Article.class, id).tags.add("java"));

        assertThat(articlePages.get("/articles/" + id, () -> "article render " + renders.incrementAndGet()))
                .isNotEqualTo(articlePage);
        assertThat(postPage(id)).isNotEqualTo(postPage);
    }

    @Test
    void cachedQueryRefreshesWhenAnEntityOfItsTypeChanges() {
        Cache<String> queries = manager.cache("queries", Codec.string());
        AtomicInteger runs = new AtomicInteger();
        sessions.inTransaction(session -> session.persist(new Post("first")));
        // snippet: cached-query
        String titles = EntityNamespaces.cachedQuery(queries, "post-titles", List.of(Post.class),
                () -> sessions.fromSession(session -> String.join(",",
                        session.createQuery("select p.title from Post p order by p.id", String.class).getResultList())));
        // end-snippet
        assertThat(titles).isEqualTo("first");
        runs.incrementAndGet();
        assertThat(EntityNamespaces.cachedQuery(queries, "post-titles", List.of(Post.class), () -> "not run"))
                .isEqualTo("first");

        sessions.inTransaction(session -> session.persist(new Post("second")));

        assertThat(EntityNamespaces.cachedQuery(queries, "post-titles", List.of(Post.class), () -> "ran again"))
                .isEqualTo("ran again");
    }
}
