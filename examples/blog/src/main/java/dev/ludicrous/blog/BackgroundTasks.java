package dev.ludicrous.blog;

import dev.ludicrous.tasks.Task;
import dev.ludicrous.tasks.TaskListener;
import dev.ludicrous.tasks.TaskOptions;
import dev.ludicrous.tasks.Tasks;
import dev.ludicrous.tasks.redis.RedisBroker;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * Where toolkit-tasks meets the blog. After a comment is committed, the request only queues two
 * tasks and returns: {@value #RECOUNT} recomputes the post's denormalised comment count (and the
 * popular-posts box that reads it), and {@value #NOTIFY} tells the post's author. In one JVM they
 * run on the in-process broker; with {@code redis.url} set, on Redis Streams, so any node's
 * workers may run them and none is lost when a node dies.
 */
final class BackgroundTasks implements CommentListener, AutoCloseable {
    static final String RECOUNT = "recount-comments";
    static final String NOTIFY = "notify-author";
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

    /** The argument of {@value #NOTIFY}: which comment on which post. */
    record CommentNotice(long postId, long commentId) {
    }

    private final BlogService service;
    private final PopularPosts popular;
    private final Tasks tasks;
    private final Task<Long> recount;
    private final Task<CommentNotice> notify;
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder unfinished = new LongAdder();

    BackgroundTasks(BlogConfig config, RedisClient redis, BlogService service, PopularPosts popular) {
        this.service = service;
        this.popular = popular;
        Tasks.Builder builder = Tasks.builder()
                .concurrency(2)
                .worker(config.taskWorker)
                .shutdownTimeout(Duration.ofSeconds(10))
                .listener(new Counting())
                .task(RECOUNT, Long.class, this::recount)
                .task(NOTIFY, CommentNotice.class, TaskOptions.builder().maxRetries(5).build(), this::notifyAuthor);
        if (redis != null) {
            builder.broker(RedisBroker.builder(redis).keyPrefix(config.redisPrefix + "tasks").build());
        }
        tasks = builder.build();
        recount = tasks.task(RECOUNT, Long.class);
        notify = tasks.task(NOTIFY, CommentNotice.class);
    }

    void start() {
        popular.refresh();
    }

    /** Queues the tasks; a comment burst on one post queues one recount while it is pending. */
    @Override
    public void commentPosted(long postId, long commentId) {
        try {
            recount.delay(postId, TaskOptions.builder().idempotencyKey(RECOUNT + ":" + postId).build());
            notify.delay(new CommentNotice(postId, commentId));
        } catch (RuntimeException e) {
            // The comment is stored; the counter catches up with the next comment's recount.
            LOG.warn("Queueing the tasks for comment {} on post {} failed: {}", commentId, postId, e.toString());
        }
    }

    private void recount(Long postId) {
        service.recount(postId);
        popular.refresh();
    }

    private void notifyAuthor(CommentNotice notice) {
        service.postAuthor(notice.postId()).ifPresent(author -> LOG.info(
                "New comment {} on \"{}\" for {} <{}>", notice.commentId(), author.title(), author.authorName(),
                author.authorEmail()));
    }

    /** Counts of finished tasks by name and outcome, for the developer page. */
    Map<String, Object> stats() {
        Map<String, Object> stats = new TreeMap<>();
        outcomes.forEach((key, count) -> stats.put(key, count.sum()));
        return stats;
    }

    @Override
    public void close() {
        tasks.close();
    }

    /** Whether every task this node queued has finished, one way or another. */
    boolean idle() {
        return unfinished.sum() <= 0;
    }

    /** Counts outcomes; runs on worker threads, so it only touches adders. */
    private final class Counting implements TaskListener {
        @Override
        public void queued(String task, String queue) {
            unfinished.increment();
        }

        @Override
        public void succeeded(String task, Duration runTime) {
            count(task + ": succeeded");
        }

        @Override
        public void failed(String task, Duration runTime, Throwable error) {
            count(task + ": failed");
        }

        @Override
        public void dead(String task, String reason) {
            count(task + ": dead");
        }

        private void count(String key) {
            unfinished.decrement();
            outcomes.computeIfAbsent(key, k -> new LongAdder()).increment();
        }
    }
}
