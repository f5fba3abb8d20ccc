package dev.ludicrous.cache.hibernate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.cache.Cache;
import dev.ludicrous.cache.CacheManager;
import dev.ludicrous.cache.Codec;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What bulk statements bump, run against a database chosen by the subclass (H2 in
 * {@link BulkStatementInvalidationTest}, PostgreSQL in {@link BulkStatementInvalidationIT}).
 */
abstract class BulkStatementCases {
    final CacheManager manager = CacheManager.builder().build();
    private final Cache<String> queries = manager.cache("queries", Codec.string());
    private final AtomicInteger runs = new AtomicInteger();
    SessionFactory sessions;

    /** Points the configuration at the database; the subclass cleans it up in {@link #dropDatabase()}. */
    abstract void configureDatabase(Configuration configuration);

    abstract void dropDatabase();

    @BeforeEach
    void buildSessionFactory() {
        Configuration configuration = new Configuration().addAnnotatedClass(Post.class).addAnnotatedClass(Article.class)
                .addAnnotatedClass(Comment.class).addAnnotatedClass(Vehicle.class).addAnnotatedClass(Car.class);
        configureDatabase(configuration);
        configuration.getProperties().put(CacheInvalidationIntegrator.MANAGER_PROPERTY, manager);
        sessions = configuration.buildSessionFactory();
        sessions.inTransaction(session -> {
            session.persist(new Post("first"));
            session.persist(new Article("second"));
            session.persist(new Comment("nice"));
            session.persist(new Car("beetle", 4));
        });
    }

    @AfterEach
    void close() {
        sessions.close();
        dropDatabase();
    }

    /** A cached query on {@code type}: says "run N" when it ran, the cached value otherwise. */
    String cached(Class<?> type) {
        return EntityNamespaces.cachedQuery(queries, "all-" + type.getSimpleName(), List.of(type),
                () -> "run " + runs.incrementAndGet());
    }

    @Test
    void bulkUpdateBumpsTheTypeAfterTheCommitOnly() {
        String posts = cached(Post.class);
        String comments = cached(Comment.class);
        long bumps = manager.bumps();

        try (Session session = sessions.openSession()) {
            session.beginTransaction();
            int updated = session.createMutationQuery("update Post set title = upper(title)").executeUpdate();
            assertThat(updated).isEqualTo(2);
            // committed by no one yet: a reader must still get the cached result
            assertThat(manager.bumps()).isEqualTo(bumps);
            assertThat(cached(Post.class)).isEqualTo(posts);
            session.getTransaction().commit();
        }

        assertThat(cached(Post.class)).isNotEqualTo(posts);
        assertThat(cached(Comment.class)).isEqualTo(comments);
    }

    @Test
    void rolledBackBulkUpdateBumpsNothing() {
        String posts = cached(Post.class);
        long bumps = manager.bumps();

        try (Session session = sessions.openSession()) {
            session.beginTransaction();
            session.createMutationQuery("update Post set title = 'rolled back'").executeUpdate();
            session.getTransaction().rollback();
        }

        assertThat(manager.bumps()).isEqualTo(bumps);
        assertThat(cached(Post.class)).isEqualTo(posts);
    }

    @Test
    void jpqlDeleteBumpsTheType() {
        String comments = cached(Comment.class);
        String posts = cached(Post.class);

        sessions.inTransaction(session -> ((EntityManager) session).createQuery("delete from Comment").executeUpdate());

        assertThat(cached(Comment.class)).isNotEqualTo(comments);
        assertThat(cached(Post.class)).isEqualTo(posts);
    }

    @Test
    void nativeMutationBumpsTheTypeItIsSynchronizedWith() {
        String comments = cached(Comment.class);
        String posts = cached(Post.class);

        sessions.inTransaction(session -> session.createNativeQuery("update {h-schema}Comment set text = 'edited'", Object.class)
                .addSynchronizedEntityClass(Comment.class)
                .executeUpdate());

        assertThat(cached(Comment.class)).isNotEqualTo(comments);
        assertThat(cached(Post.class)).isEqualTo(posts);
    }

    @Test
    void nativeMutationWithoutSynchronizedSpacesBumpsEveryType() {
        String comments = cached(Comment.class);
        String vehicles = cached(Vehicle.class);

        sessions.inTransaction(session -> session.createNativeQuery("update {h-schema}Comment set text = 'edited'", Object.class)
                .executeUpdate());

        assertThat(cached(Comment.class)).isNotEqualTo(comments);
        assertThat(cached(Vehicle.class)).isNotEqualTo(vehicles);
    }

    @Test
    void queriesThatOnlyReadBumpNothing() {
        long bumps = manager.bumps();

        sessions.inTransaction(session -> {
            session.createSelectionQuery("from Post", Post.class).getResultList();
            session.createNativeQuery("select count(*) from {h-schema}Comment", Long.class).addSynchronizedEntityClass(Comment.class)
                    .getSingleResult();
            session.find(Post.class, 1L);
        });

        assertThat(manager.bumps()).isEqualTo(bumps);
    }

    @Test
    void bulkUpdateOfASubtypeBumpsItsSupertypeAndOfASupertypeItsSubtypes() {
        String posts = cached(Post.class);
        String articles = cached(Article.class);

        sessions.inTransaction(session -> session.createMutationQuery("update Article set summary = 'short'").executeUpdate());
        assertThat(cached(Post.class)).isNotEqualTo(posts);
        assertThat(cached(Article.class)).isNotEqualTo(articles);

        String postsAgain = cached(Post.class);
        String articlesAgain = cached(Article.class);
        sessions.inTransaction(session -> session.createMutationQuery("delete from Post where title = 'first'").executeUpdate());
        assertThat(cached(Post.class)).isNotEqualTo(postsAgain);
        assertThat(cached(Article.class)).isNotEqualTo(articlesAgain);
    }

    @Test
    void bulkUpdateAcrossTheTablesOfAJoinedSubtypeBumpsItAndItsSupertype() {
        String vehicles = cached(Vehicle.class);
        String cars = cached(Car.class);
        String posts = cached(Post.class);

        int updated = sessions.fromTransaction(session ->
                session.createMutationQuery("update Car set name = 'bug', seats = 5").executeUpdate());

        assertThat(updated).isEqualTo(1);
        assertThat(cached(Vehicle.class)).isNotEqualTo(vehicles);
        assertThat(cached(Car.class)).isNotEqualTo(cars);
        assertThat(cached(Post.class)).isEqualTo(posts);
    }

    @Test
    void savingASubtypeBumpsItsSupertypeAndTheObjectUnderBothNames() {
        long id = sessions.fromTransaction(session -> {
            Article article = new Article("third");
            session.persist(article);
            return article.id;
        });
        String posts = cached(Post.class);
        Cache<String> pages = manager.cache("pages", Codec.string());
        String page = pages.dependingOn(EntityNamespaces.object(Post.class, id)).get("/posts/" + id, () -> "v1");

        sessions.inTransaction(session -> session.find(Article.class, id).summary = "edited");

        assertThat(cached(Post.class)).isNotEqualTo(posts);
        assertThat(pages.dependingOn(EntityNamespaces.object(Post.class, id)).get("/posts/" + id, () -> "v2"))
                .isNotEqualTo(page);
    }
}
