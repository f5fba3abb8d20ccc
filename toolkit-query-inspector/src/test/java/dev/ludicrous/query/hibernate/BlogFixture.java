package dev.ludicrous.query.hibernate;

import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.Session;

/** A small blog on Hibernate over an inspected data source: 20 posts by 20 authors, 2 comments each. */
final class BlogFixture implements AutoCloseable {
    static final int POSTS = 20;

    final SessionFactory sessions;

    BlogFixture(DataSource dataSource, String schema) {
        Configuration configuration = new Configuration()
                .addAnnotatedClass(Author.class)
                .addAnnotatedClass(Post.class)
                .addAnnotatedClass(Comment.class)
                .setProperty("hibernate.hbm2ddl.auto", "create-drop")
                .setProperty("hibernate.show_sql", "false");
        if (schema != null) {
            configuration.setProperty("hibernate.default_schema", schema);
        }
        configuration.getProperties().put("hibernate.connection.datasource", dataSource);
        this.sessions = configuration.buildSessionFactory();
        sessions.inTransaction(session -> {
            for (long i = 1; i <= POSTS; i++) {
                Author author = new Author(i, "author " + i);
                session.persist(author);
                Post post = new Post(i, "post " + i, author);
                session.persist(post);
                session.persist(new Comment(i * 10, "first", post, author));
                session.persist(new Comment(i * 10 + 1, "second", post, author));
            }
        });
    }

    /** The naive homepage: a lazy association touched in a loop. */
    static String naiveHomepage(Session session) {
        StringBuilder page = new StringBuilder();
        List<Post> posts = session.createSelectionQuery("from Post order by id", Post.class).getResultList();
        for (Post post : posts) {
            page.append(post.title).append(" by ").append(post.getAuthor().getName()).append('\n');
        }
        return page.toString();
    }

    /** The fixed homepage: one query with a fetch join. */
    static String fetchJoinHomepage(Session session) {
        StringBuilder page = new StringBuilder();
        List<Post> posts = session.createSelectionQuery("from Post p join fetch p.author order by p.id", Post.class)
                .getResultList();
        for (Post post : posts) {
            page.append(post.title).append(" by ").append(post.getAuthor().getName()).append('\n');
        }
        return page.toString();
    }

    void read(Consumer<Session> work) {
        sessions.inSession(work);
    }

    @Override
    public void close() {
        sessions.close();
    }
}
