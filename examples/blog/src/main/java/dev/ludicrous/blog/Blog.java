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
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.hibernate.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole blog: database, seed data, the toolkit integrations and the Jetty server, started by
 * {@link #start} and stopped by {@link #close}. Tests start one on port 0.
 */
public final class Blog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Blog.class);

    private final BlogConfig config;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Database database;
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
            blog.close();
            throw e;
        }
    }

    private void run() throws Exception {
        QueryInspection queries = new QueryInspection(config);
        database = keep(new Database(config, queries::wrap));
        long started = System.nanoTime();
        try {
            seeded = Seeder.of(config).seedIfEmpty(database.dataSource());
        } catch (SQLException e) {
            throw new IllegalStateException("Seeding the database at " + config.dbUrl + " failed: " + e.getMessage(), e);
        }
        if (seeded.posts() > 0) {
            LOG.info("Seeded {} authors, {} tags, {} posts and {} comments in {} ms (seed {})", seeded.authors(),
                    seeded.tags(), seeded.posts(), seeded.comments(), (System.nanoTime() - started) / 1_000_000, config.seed);
        }

        BlogService service = new BlogService(database, Clock.systemUTC());
        PopularPosts popular = new PopularPosts(service);
        Caching caching = keep(new Caching(config));
        BackgroundTasks tasks = keep(new BackgroundTasks(config, service, popular));
        Profiling profiling = keep(new Profiling(config));
        Pages pages = new Pages(new Templates());
        Csrf csrf = new Csrf(config.secret);
        CommentListener afterComment = (postId, commentId) -> {
            caching.commentPosted(postId, commentId);
            tasks.commentPosted(postId, commentId);
        };

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // Outermost first: the profiler sees the whole request, the inspector every query in it.
        profiling.install(context);
        queries.install(context);
        HomeServlet home = new HomeServlet(database, service, pages, caching, popular);
        context.addServlet(new ServletHolder("home", home), "");
        context.addServlet(new ServletHolder("home-naive", home), "/naive");
        context.addServlet(new ServletHolder("home-optimized", home), "/optimized");
        context.addServlet(new ServletHolder("home-cached", home), "/cached");
        context.addServlet(new ServletHolder("post", new PostServlet(service, pages, csrf, afterComment)), "/posts/*");
        context.addServlet(new ServletHolder("author", new AuthorServlet(service, pages)), "/authors/*");
        context.addServlet(new ServletHolder("tag", new TagServlet(service, pages)), "/tags/*");
        context.addServlet(new ServletHolder("api", new ApiServlet(service, new ObjectMapper())), "/api/posts/*");
        context.addFilter(new FilterHolder(new DevAccessFilter(config)), "/_ludicrous/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("dev", new DevServlet(pages, database.sessionFactory(), devTools())),
                "/_ludicrous/*");

        tasks.start();
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("blog-http");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(config.host);
        connector.setPort(config.port);
        server.addConnector(connector);
        server.setHandler(context);
        server.start();
        LOG.info("Blog ready at {} ({} profile, database {})", url(), config.profile.name().toLowerCase(java.util.Locale.ROOT),
                config.dbUrl.replaceAll("password=[^&;]*", "password=***"));
    }

    private List<Map<String, String>> devTools() {
        return List.of(Map.of("path", "/naive", "what", "the homepage the naive way: watch the query count"));
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

    SessionFactory sessionFactory() {
        return database.sessionFactory();
    }

    /** Stops the server, then the integrations, then the database. */
    @Override
    public void close() throws Exception {
        Exception failure = null;
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                failure = e;
            }
        }
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
