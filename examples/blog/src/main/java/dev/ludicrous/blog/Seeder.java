package dev.ludicrous.blog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * Fills an empty database with a made-up but realistic blog, the same one for the same seed and
 * sizes ({@link Random} is specified to give the same sequence for the same seed).
 *
 * <p>Rows go in through plain JDBC batches, not Hibernate, because 50 000 comments must load in
 * seconds; the sequences Hibernate draws ids from are moved past the seeded ids afterwards.
 */
final class Seeder {
    /** What the seeder created. */
    record Counts(int authors, int tags, int posts, int comments) {
    }

    private static final Instant BASE = Instant.parse("2024-01-01T08:00:00Z");
    private static final int BATCH = 1_000;
    private static final String[] FIRST = {"Ada", "Grace", "Alan", "Barbara", "Edsger", "Donald", "Frances",
        "John", "Radia", "Ken", "Margaret", "Dennis", "Leslie", "Niklaus", "Sophie", "Tony", "Katherine",
        "Guido", "James", "Linus", "Anita", "Bjarne", "Hedy", "Tim", "Shafi", "Yukihiro", "Joan", "Rich"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Turing", "Liskov", "Dijkstra", "Knuth",
        "Allen", "Backus", "Perlman", "Thompson", "Hamilton", "Ritchie", "Lamport", "Wirth", "Wilson",
        "Hoare", "Johnson", "van Rossum", "Gosling", "Torvalds", "Borg", "Stroustrup", "Lamarr", "Berners-Lee"};
    private static final String[] TAGS = {"java", "performance", "databases", "caching", "hibernate",
        "postgresql", "redis", "jvm", "profiling", "testing", "concurrency", "http", "servlets", "sql",
        "queues", "latency", "benchmarks", "architecture", "security", "observability", "gc", "jdbc",
        "memory", "networking", "devops", "tooling", "design", "refactoring", "scaling", "indexes"};
    private static final String[] WORDS = ("the a query cache page index latency thread request response "
            + "server client round trip database table column row join fetch lazy eager batch pool "
            + "connection transaction commit lock queue worker task retry timeout budget profile sample "
            + "stack frame flame graph heap allocation garbage collector throughput median percentile "
            + "tail slow fast measure baseline regression deploy release config header cookie session "
            + "token version namespace bump invalidate stale fresh warm cold hit miss load render template")
            .split(" ");

    private final long seed;
    private final int authors;
    private final int tags;
    private final int posts;
    private final int comments;

    Seeder(long seed, int authors, int tags, int posts, int comments) {
        this.seed = seed;
        this.authors = authors;
        this.tags = tags;
        this.posts = posts;
        this.comments = comments;
    }

    static Seeder of(BlogConfig config) {
        return new Seeder(config.seed, config.seedAuthors, config.seedTags, config.seedPosts, config.seedComments);
    }

    /** Seeds the database unless it already holds posts; returns what it created (zeros when it did nothing). */
    Counts seedIfEmpty(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*) from blog_post")) {
                rows.next();
                if (rows.getLong(1) > 0) {
                    return new Counts(0, 0, 0, 0);
                }
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                Counts counts = seed(connection);
                connection.commit();
                return counts;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    private Counts seed(Connection connection) throws SQLException {
        Random random = new Random(seed);
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into blog_author (id, name, email, bio) values (?, ?, ?, ?)")) {
            for (int id = 1; id <= authors; id++) {
                String name = pick(random, FIRST) + " " + pick(random, LAST);
                insert.setLong(1, id);
                insert.setString(2, name);
                insert.setString(3, "author" + id + "@blog.example");
                insert.setString(4, sentence(random, 12, 30));
                add(insert, id);
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into blog_tag (id, name) values (?, ?)")) {
            for (int id = 1; id <= tags; id++) {
                int round = (id - 1) / TAGS.length;
                insert.setLong(1, id);
                insert.setString(2, TAGS[(id - 1) % TAGS.length] + (round == 0 ? "" : "-" + (round + 1)));
                add(insert, id);
            }
            insert.executeBatch();
        }
        List<long[]> postTags = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into blog_post (id, author_id, title, body, published_at, comment_total) values (?, ?, ?, ?, ?, 0)")) {
            for (int id = 1; id <= posts; id++) {
                insert.setLong(1, id);
                // Round robin, so that any run of consecutive posts (the homepage's latest 20) has
                // as many distinct authors as there are: the N+1 shows as N, not fewer.
                insert.setLong(2, (id - 1) % authors + 1);
                insert.setString(3, title(random));
                insert.setString(4, body(random));
                insert.setObject(5, time(publishedAt(id)));
                add(insert, id);
                if (tags > 0) {
                    List<Integer> chosen = new ArrayList<>();
                    int wanted = 1 + random.nextInt(Math.min(3, tags));
                    while (chosen.size() < wanted) {
                        int candidate = 1 + random.nextInt(tags);
                        if (!chosen.contains(candidate)) {
                            chosen.add(candidate);
                            postTags.add(new long[] {id, candidate});
                        }
                    }
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement("insert into blog_post_tag (post_id, tag_id) values (?, ?)")) {
            int count = 0;
            for (long[] row : postTags) {
                insert.setLong(1, row[0]);
                insert.setLong(2, row[1]);
                add(insert, ++count);
            }
            insert.executeBatch();
        }
        int[] perPost = new int[posts + 1];
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into blog_comment (id, post_id, author_name, body, created_at) values (?, ?, ?, ?, ?)")) {
            for (int id = 1; id <= comments && posts > 0; id++) {
                int post = 1 + random.nextInt(posts);
                perPost[post]++;
                insert.setLong(1, id);
                insert.setLong(2, post);
                insert.setString(3, pick(random, FIRST));
                insert.setString(4, sentence(random, 5, 40));
                insert.setObject(5, time(publishedAt(post).plusSeconds(60L + random.nextInt(7 * 24 * 3600))));
                add(insert, id);
            }
            insert.executeBatch();
        }
        try (PreparedStatement update = connection.prepareStatement("update blog_post set comment_total = ? where id = ?")) {
            int pending = 0;
            for (int post = 1; post <= posts; post++) {
                if (perPost[post] > 0) {
                    update.setInt(1, perPost[post]);
                    update.setLong(2, post);
                    add(update, ++pending);
                }
            }
            update.executeBatch();
        }
        try (Statement statement = connection.createStatement()) {
            // Hibernate's pooled ids are drawn in blocks of 50: start past the seeded ids by a block.
            statement.execute("alter sequence blog_author_seq restart with " + (authors + 51));
            statement.execute("alter sequence blog_tag_seq restart with " + (tags + 51));
            statement.execute("alter sequence blog_post_seq restart with " + (posts + 51));
            statement.execute("alter sequence blog_comment_seq restart with " + (Math.max(0, comments) + 51));
        }
        return new Counts(authors, tags, posts, posts == 0 ? 0 : comments);
    }

    /** The post with the highest id is the newest. */
    static Instant publishedAt(int postId) {
        return BASE.plusSeconds(postId * 37L * 60);
    }

    private static void add(PreparedStatement statement, int count) throws SQLException {
        statement.addBatch();
        if (count % BATCH == 0) {
            statement.executeBatch();
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String title(Random random) {
        String words = sentence(random, 3, 7);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1, words.length() - 1);
    }

    private static String body(Random random) {
        StringBuilder body = new StringBuilder();
        int paragraphs = 2 + random.nextInt(3);
        for (int i = 0; i < paragraphs; i++) {
            if (i > 0) {
                body.append("\n\n");
            }
            body.append(sentence(random, 20, 60));
        }
        return body.toString();
    }

    private static String sentence(Random random, int min, int max) {
        int count = min + random.nextInt(max - min + 1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String word = pick(random, WORDS);
            text.append(i == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : " " + word);
        }
        return text.append('.').toString();
    }
}
