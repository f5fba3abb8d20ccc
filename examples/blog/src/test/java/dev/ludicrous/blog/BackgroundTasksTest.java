package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {
    private static TestBlog blog;

    @BeforeAll
    static void start() throws Exception {
        blog = TestBlog.start();
    }

    @AfterAll
    static void stop() throws Exception {
        blog.close();
    }

    @Test
    void commentQueuesARecountThatUpdatesTheDenormalisedCounterAndANotification() throws Exception {
        long post = 42;
        long total = commentTotal(post);
        assertThat(total).isEqualTo(blog.comments(post));

        for (int i = 0; i < 3; i++) {
            assertThat(blog.post("/posts/" + post + "/comments",
                    Map.of("csrf", blog.csrfToken(post), "name", "Tess", "body", "comment " + i)).statusCode()).isEqualTo(303);
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(commentTotal(post)).isEqualTo(total + 3);
            assertThat(blog.blog.taskStats()).containsEntry(BackgroundTasks.NOTIFY + ": succeeded", 3L);
        });
        assertThat(blog.blog.taskStats()).doesNotContainKeys(BackgroundTasks.RECOUNT + ": failed",
                BackgroundTasks.NOTIFY + ": dead");
    }

    private static long commentTotal(long postId) {
        return blog.blog.sessionFactory().fromSession(s -> s.createSelectionQuery(
                "select p.commentTotal from Post p where p.id = :id", Integer.class).setParameter("id", postId)
                .getSingleResult());
    }
}
