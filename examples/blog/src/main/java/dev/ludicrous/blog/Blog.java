package dev.ludicrous.blog;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;

/**
 * The whole blog: database, seed data, the toolkit integrations and the Jetty server, started by
 * {@link #start} and stopped by {@link #close}. Tests start one on port 0.
 */
public final class Blog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Blog.class);
    private static final int OUTPUT_BUFFER = 64 * 1024;

    private final BlogConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Database database;
    private QueryInspection queries;
    private HomeServlet home;
    private BackgroundTasks tasks;
    private Profiling profiling;
    private Server server;
    private Seeder.Counts seeded;

    private Blog(BlogConfig config) {
        this.config = config;
    }

    /** Starts the blog: creates the schema, seeds an empty database, then serves HTTP. */
    public static Blog start(BlogConfig config) throws Exception {
        Blog blog = new Blog(config);
        try {
            blog.run();
            return blog;
        } catch (Exception | Error e) {
            try {
                blog.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    private void run() throws Exception {
        queries = new QueryInspection(config);
        database = keep(new Database(config, queries::wrap));
        long started = System.nanoTime();
        try {
            // The raw pool: 55 000 seed rows are not worth recording.
            seeded = Seeder.of(config).seedIfEmpty(database.pool());
        } catch (SQLException e) {
            throw new IllegalStateException("Seeding the database at " + config.dbUrl + " failed: " + e.getMessage(), e);
        }
        if (seeded.posts() > 0) {
            LOG.info("Seeded {} authors, {} tags, {} posts and {} comments in {} ms (seed {})", seeded.authors(),
                    seeded.tags(), seeded.posts(), seeded.comments(), (System.nanoTime() - started) / 1_000_000, config.seed);
        }

        BlogService service = new BlogService(database, Clock.systemUTC());
        PopularPosts popular = new PopularPosts(service);
        ObjectMapper json = new ObjectMapper();
        // One pooled client for the cache's shared tier and the task broker; closed after both.
        RedisClient redis = config.redisUri.map(uri -> RedisClients.create(uri, config.redisPoolSize)).orElse(null);
        if (redis != null) {
            keep(redis);
        }
        Caching caching = keep(new Caching(config, redis, json));
        tasks = keep(new BackgroundTasks(config, redis, service, popular, json));
        DevAccessFilter devAccess = new DevAccessFilter(config);
        profiling = keep(new Profiling(config, devAccess::allowed));
        Pages pages = new Pages(new Templates());
        Csrf csrf = new Csrf(config.secret);
        CommentListener afterComment = (postId, commentId) -> {
            caching.commentPosted(postId, commentId);
            tasks.commentPosted(postId, commentId);
        };

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // Outermost first: the request log reads what the inner filters leave in the request; the
        // profiler sees the whole request, the inspector every query in it.
        RecentRequests recent = new RecentRequests();
        context.addFilter(new FilterHolder(recent), "/*", EnumSet.of(DispatcherType.REQUEST));
        profiling.install(context);
        queries.install(context);
        home = new HomeServlet(database, service, pages, caching, popular);
        context.addServlet(new ServletHolder("home", home), "");
        context.addServlet(new ServletHolder("home-naive", home), "/naive");
        context.addServlet(new ServletHolder("home-optimized", home), "/optimized");
        context.addServlet(new ServletHolder("home-cached", home), "/cached");
        context.addServlet(new ServletHolder("post", new PostServlet(service, caching, pages, csrf, afterComment)), "/posts/*");
        context.addServlet(new ServletHolder("author", new AuthorServlet(service, pages)), "/authors/*");
        context.addServlet(new ServletHolder("tag", new TagServlet(service, pages)), "/tags/*");
        context.addServlet(new ServletHolder("api", new ApiServlet(service, caching, json)), "/api/posts/*");
        context.addFilter(new FilterHolder(devAccess), "/_ludicrous/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("dev", new DevServlet(pages, database.sessionFactory(), devTools(), recent, caching, tasks)),
                "/_ludicrous/*");

        tasks.start();
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("blog-http");
        server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        // Pages up to 64 KB stay in the buffer until the request ends, so that the toolkit's
        // filters can still add their Server-Timing entries after the page is written.
        http.setOutputBufferSize(OUTPUT_BUFFER);
        http.setOutputAggregationSize(OUTPUT_BUFFER);
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.host);
        connector.setPort(config.port);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        LOG.info("Blog ready at {} ({} profile, database {})", url(), config.profile.name().toLowerCase(java.util.Locale.ROOT),
                config.dbUrl.replaceAll("password=[^&;]*", "password=***"));
    }

    private List<Map<String, String>> devTools() {
        return List.of(
                Map.of("path", "/naive", "what", "the homepage the naive way: 1 + 3N queries, logged as repeated"),
                Map.of("path", "/optimized", "what", "fetch join + 2 IN queries: 3 queries whatever N"),
                Map.of("path", "/cached", "what", "the optimized page from the cache: 0 queries on a hit"),
                Map.of("path", Profiling.VIEWER + "/", "what", "flame graphs of profiled requests (trigger header or slow)"));
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }

    /** The port the server listens on (useful after starting on port 0). */
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The blog's base URL, without a trailing slash. */
    public String url() {
        String host = config.host.contains(":") ? "[" + config.host + "]" : config.host;
        return "http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port();
    }

    /** What the seeder created when this blog started (zeros when the database already held posts). */
    Seeder.Counts seeded() {
        return seeded;
    }

    /** The profiler's trigger secret, when the trigger mode is on. */
    java.util.Optional<String> profilerTrigger() {
        return profiling.trigger();
    }

    /** Whether every task this node queued has finished. */
    boolean tasksIdle() {
        return tasks.idle();
    }

    /** Finished tasks by name and outcome. */
    Map<String, Object> taskStats() {
        return tasks.stats();
    }

    /** Renders the homepage on the calling thread, as a request would. */
    String homepage(HomeServlet.Mode mode) {
        return home.page(mode);
    }

    dev.ludicrous.query.QueryInspector queryInspector() {
        return queries.inspector();
    }

    SessionFactory sessionFactory() {
        return database.sessionFactory();
    }

    /**
     * Stops the server, then the integrations, then the database; goes on past a failure and
     * throws the first one at the end, with the others suppressed.
     */
    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            IllegalStateException failure = new IllegalStateException("Stopping the blog failed", failures.get(0));
            failures.subList(1, failures.size()).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
