package dev.ludicrous.blog;

import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.web.ProfilerServlet;
import dev.ludicrous.profiling.web.ProfilingFilter;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where toolkit-profiling meets the blog: its filter profiles a request that carries the trigger
 * secret in {@code X-Ludicrous-Profile}, a random {@code profiler.sample-fraction} of requests (off
 * by default), and the rest of every request slower than {@code profiler.slow-ms}; its viewer serves the flame graphs under {@value #VIEWER}, behind the
 * same access rule as the other developer pages. In the development profile without a configured
 * secret, one is made up at start and logged, and Server-Timing is sent on every response.
 */
final class Profiling implements AutoCloseable {
    static final String VIEWER = "/_ludicrous/profiles";
    private static final Logger LOG = LoggerFactory.getLogger(Profiling.class);
    private static final Pattern PROFILE_LINK = Pattern.compile("prof;desc=\"([^\"]+)\"");

    private final ProfileStore store;
    private final ProfilingFilter filter;
    private final ProfilerServlet viewer;
    private final Optional<String> trigger;

    Profiling(BlogConfig config, Predicate<HttpServletRequest> access) {
        boolean development = config.profile == BlogConfig.Profile.DEVELOPMENT;
        trigger = config.profilerSecret.or(() -> development ? Optional.of(randomSecret()) : Optional.empty());
        store = ProfileStore.builder()
                .maxRecent(100)
                .maxSlowestPerRoute(5)
                .maxBytes(32L * 1024 * 1024)
                .build();
        // snippet: blog-profiling-filter
        ProfilingFilter.Builder builder = ProfilingFilter.builder()
                .store(store)
                .slow(Duration.ofMillis(config.profilerSlowMillis))
                .viewerPath(VIEWER)
                .serverTiming(development);
        trigger.ifPresent(builder::trigger);
        if (config.profilerSampleFraction > 0) {
            builder.sample(config.profilerSampleFraction, Duration.ofMillis(config.profilerSampleIntervalMillis));
        }
        filter = builder.build();
        // end-snippet
        viewer = ProfilerServlet.builder()
                .store(store)
                .enabled(true)
                .accessCheck(access)
                .build();
        if (development && config.profilerSecret.isEmpty()) {
            LOG.info("Profile any request with the header '{}: {}' (made up for this run; set BLOG_PROFILER_SECRET"
                    + " to fix it); flame graphs at {}/", ProfilingFilter.DEFAULT_TRIGGER_HEADER, trigger.get(), VIEWER);
        }
    }

    /** The trigger secret, when the trigger mode is on. */
    Optional<String> trigger() {
        return trigger;
    }

    /** Adds the filter (outermost but for the request log) and the viewer. */
    void install(ServletContextHandler context) {
        context.addFilter(new FilterHolder(filter), "/*", EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder("profiles", viewer), VIEWER + "/*");
    }

    /** The flame graph of a finished request, read from the Server-Timing entry the filter wrote; null if none. */
    static String profileLink(HttpServletResponse response) {
        for (String header : response.getHeaders("Server-Timing")) {
            Matcher link = PROFILE_LINK.matcher(header);
            if (link.find()) {
                return link.group(1);
            }
        }
        return null;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        // The sampler is a JVM-wide daemon that parks when nothing is profiled; the store is memory.
    }
}
