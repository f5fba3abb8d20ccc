package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.testsupport.TestServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeederTest {
    @Test
    void sameSeedGivesTheSameBlogAndSizesAreConfigurable() throws Exception {
        List<String> first = snapshot(42, 7);
        List<String> second = snapshot(42, 7);
        List<String> other = snapshot(43, 7);

        assertThat(first).hasSize(3 + 7).isEqualTo(second).isNotEqualTo(other);
        assertThat(first.subList(0, 3)).containsExactly("authors=5", "posts=40", "comments=300");
    }

    @Test
    void databaseThatHoldsPostsIsNotSeededAgain() throws Exception {
        String url = "jdbc:h2:mem:" + TestServices.uniqueName("seed") + ";DB_CLOSE_DELAY=-1";
        Map<String, String> settings = Map.of("port", "0", "db.url", url, "seed.authors", "3", "seed.posts", "10",
                "seed.comments", "20", "seed.tags", "4");
        try (Blog blog = Blog.start(BlogConfig.of(settings))) {
            assertThat(blog.seeded().posts()).isEqualTo(10);
        }
        try (Blog again = Blog.start(BlogConfig.of(settings))) {
            assertThat(again.seeded()).isEqualTo(new Seeder.Counts(0, 0, 0, 0));
            assertThat(count(again, "select count(p) from Post p")).isEqualTo(10);
        }
    }

    private static List<String> snapshot(int seed, int rows) throws Exception {
        Map<String, String> settings = Map.of("port", "0", "seed", "" + seed,
                "db.url", "jdbc:h2:mem:" + TestServices.uniqueName("seed") + ";DB_CLOSE_DELAY=0",
                "seed.authors", "5", "seed.tags", "6", "seed.posts", "40", "seed.comments", "300");
        try (Blog blog = Blog.start(BlogConfig.of(settings))) {
            List<String> facts = new java.util.ArrayList<>(List.of(
                    "authors=" + count(blog, "select count(a) from Author a"),
                    "posts=" + count(blog, "select count(p) from Post p"),
                    "comments=" + count(blog, "select count(c) from Comment c")));
            facts.addAll(blog.sessionFactory().fromSession(s -> s.createSelectionQuery(
                            "select p.title || '|' || p.author.name || '|' || p.commentTotal from Post p order by p.id", String.class)
                    .setMaxResults(rows).getResultList()));
            return facts;
        }
    }

    private static long count(Blog blog, String hql) {
        return blog.sessionFactory().fromSession(s -> s.createSelectionQuery(hql, Long.class).getSingleResult());
    }
}
