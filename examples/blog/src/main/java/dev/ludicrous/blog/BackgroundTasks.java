package dev.ludicrous.blog;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludicrous.tasks.Schedule;
import dev.ludicrous.tasks.Task;
import dev.ludicrous.tasks.TaskListener;
import dev.ludicrous.tasks.TaskOptions;
import dev.ludicrous.tasks.Tasks;
import dev.ludicrous.tasks.http.HttpCallbackRequest;
import dev.ludicrous.tasks.http.HttpCallbackTask;
import dev.ludicrous.tasks.redis.RedisBroker;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * Where toolkit-tasks meets the blog. After a comment is committed, the request only queues two
 * tasks and returns: {@value #RECOUNT} recomputes the post's denormalised comment count, and
 * {@value #NOTIFY} looks up the post's author and, when {@code webhook.url} is set, queues an
 * {@value #WEBHOOK} call (the toolkit's HTTP callback task: time-outs, retries on 5xx, and a guard
 * against private addresses unless {@code webhook.allow-hosts} names them). A schedule runs
 * {@value #POPULAR} every {@code popular.refresh-seconds} (0: never), once per period across all nodes.
 * In one JVM the tasks run on the in-process broker; with {@code redis.url} set, on Redis
 * Streams, so any node's workers may run them and none is lost when a node dies.
 */
final class BackgroundTasks implements CommentListener, AutoCloseable {
    static final String RECOUNT = "recount-comments";
    static final String NOTIFY = "notify-author";
    static final String WEBHOOK = "webhook";
    static final String POPULAR = "refresh-popular";
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

    /** The argument of {@value #NOTIFY}: which comment on which post. */
    record CommentNotice(long postId, long commentId) {
    }

    private final BlogService service;
    private final PopularPosts popular;
    private final ObjectMapper json;
    private final Optional<URI> webhookUrl;
    private final Tasks tasks;
    private final Task<Long> recount;
    private final Task<CommentNotice> notify;
    private final Task<HttpCallbackRequest> webhook;
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder unfinished = new LongAdder();

    BackgroundTasks(BlogConfig config, RedisClient redis, BlogService service, PopularPosts popular, ObjectMapper json) {
        this.service = service;
        this.popular = popular;
        this.json = json;
        this.webhookUrl = config.webhookUrl;
        HttpCallbackTask callback = HttpCallbackTask.builder()
                .connectTimeout(Duration.ofSeconds(5))
                .requestTimeout(Duration.ofSeconds(10))
                .maxResponseBytes(64 * 1024)
                .allowHosts(config.webhookAllowHosts.toArray(String[]::new))
                .build();
        Tasks.Builder builder = Tasks.builder()
                .concurrency(2)
                .worker(config.taskWorker)
                .shutdownTimeout(Duration.ofSeconds(10))
                .listener(new Counting())
                .task(RECOUNT, Long.class, service::recount)
                .task(NOTIFY, CommentNotice.class, this::notifyAuthor)
                .task(WEBHOOK, HttpCallbackRequest.class, TaskOptions.builder().maxRetries(5).build(), callback)
                .task(POPULAR, String.class, ignored -> popular.refresh());
        if (config.popularRefreshSeconds > 0) {
            builder.schedule(POPULAR, Schedule.every(Duration.ofSeconds(config.popularRefreshSeconds)), POPULAR, "all");
        }
        if (redis != null) {
            builder.broker(RedisBroker.builder(redis).keyPrefix(config.redisPrefix + "tasks").build());
        }
        tasks = builder.build();
        recount = tasks.task(RECOUNT, Long.class);
        notify = tasks.task(NOTIFY, CommentNotice.class);
        webhook = tasks.task(WEBHOOK, HttpCallbackRequest.class);
    }

    /** Fills the popular box once, so the first pages do not wait for the schedule's first period. */
    void start() {
        popular.refresh();
    }

    /** Queues the tasks; a burst of comments on one post queues one recount while it is pending. */
    @Override
    public void commentPosted(long postId, long commentId) {
        try {
            // snippet: blog-tasks-delay
            recount.delay(postId, TaskOptions.builder().idempotencyKey(RECOUNT + ":" + postId).build());
            notify.delay(new CommentNotice(postId, commentId));
            // end-snippet
        } catch (RuntimeException e) {
            // The comment is stored; the counter catches up with the post's next recount.
            LOG.warn("Queueing the tasks for comment {} on post {} failed: {}", commentId, postId, e.toString());
        }
    }

    private void notifyAuthor(CommentNotice notice) throws Exception {
        Optional<Views.PostAuthor> author = service.postAuthor(notice.postId());
        if (author.isEmpty()) {
            return;
        }
        if (webhookUrl.isEmpty()) {
            LOG.info("New comment {} on \"{}\" for {} (no webhook.url set, so nobody is called)",
                    notice.commentId(), author.get().title(), author.get().authorName());
            return;
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", "comment.created");
        event.put("postId", notice.postId());
        event.put("commentId", notice.commentId());
        event.put("postTitle", author.get().title());
        event.put("authorName", author.get().authorName());
        event.put("authorEmail", author.get().authorEmail());
        // A task of its own, so that a slow or failing webhook is retried without looking the author up again.
        // snippet: blog-tasks-webhook
        webhook.delay(HttpCallbackRequest.postJson(webhookUrl.get().toString(), json.writeValueAsString(event)));
        // end-snippet
    }

    /** Counts of finished tasks by name and outcome, for the developer page. */
    Map<String, Object> stats() {
        Map<String, Object> stats = new TreeMap<>();
        outcomes.forEach((key, count) -> stats.put(key, count.sum()));
        return stats;
    }

    /** Whether every task this node queued has finished, one way or another. */
    boolean idle() {
        return unfinished.sum() <= 0;
    }

    @Override
    public void close() {
        tasks.close();
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
