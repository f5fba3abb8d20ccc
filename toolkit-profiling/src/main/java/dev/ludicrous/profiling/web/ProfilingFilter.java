package dev.ludicrous.profiling.web;

import dev.ludicrous.profiling.Profile;
import dev.ludicrous.profiling.ProfileStore;
import dev.ludicrous.profiling.Recording;
import dev.ludicrous.profiling.Sampler;
import dev.ludicrous.profiling.StackRecorder;
import dev.ludicrous.profiling.StackRecording;
import dev.ludicrous.profiling.StackTree;
import dev.ludicrous.profiling.internal.RateLimitedLog;
import dev.ludicrous.profiling.internal.ThreadCost;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides for each request whether to profile it, samples the thread serving it while it runs,
 * and stores the result in a {@link ProfileStore}.
 *
 * <p>Modes, which combine (the first that applies wins):
 * <ul>
 *   <li>{@code trigger}: the request carries a header with the configured secret (compared in
 *       constant time). A missing or wrong secret is treated exactly like no header: no profile,
 *       no {@code Server-Timing}, nothing that hints at profiling.</li>
 *   <li>{@code all}: every request; for development only, refused by {@link Builder#build()}
 *       unless allowed explicitly.</li>
 *   <li>{@code sample}: a random fraction of requests, at their own (usually coarser) interval.</li>
 *   <li>{@code slow}: sampling starts once a request has run longer than a threshold; a request
 *       that ends sooner costs a map insert and removal and is never sampled.</li>
 * </ul>
 *
 * <p>For each profiled request it records wall time, and CPU time and bytes allocated by the
 * serving thread (from {@code ThreadMXBean}, where the JVM measures them). The sampling stops
 * when the filter chain returns, whatever happens: a request that throws still ends (and stores)
 * its profile; for an async request, the profile covers the initial dispatch and is stored, with
 * its final status and wall time, when the async context completes. A failure inside this filter
 * is logged (at most once a minute) and the request is served unprofiled.
 *
 * <p>{@code Server-Timing} ({@code app;dur=}, {@code cpu;dur=}, {@code prof;desc="<viewer link>"},
 * then the entries of {@link ServerTiming#ATTRIBUTE}) is written only when switched on with
 * {@link Builder#serverTiming(boolean)} or when the request carried the trigger secret, and only
 * while the response is not yet committed.
 *
 * <p>Map it for the {@code REQUEST} dispatcher type (other dispatches pass straight through).
 * Immutable and thread-safe.
 */
public final class ProfilingFilter implements Filter {
    /** The default trigger header: {@value}. */
    public static final String DEFAULT_TRIGGER_HEADER = "X-Ludicrous-Profile";
    /** The system property that allows {@link Builder#everyRequest()} without code: {@value}. */
    public static final String ALLOW_EVERY_REQUEST_PROPERTY = "ludicrous.profiling.allow-every-request";

    private static final Logger LOG = LoggerFactory.getLogger(ProfilingFilter.class);
    private static final String HEADER = "Server-Timing";

    private final Sampler sampler;
    private final StackRecorder recorder;
    private final ProfileStore store;
    private final String triggerHeader;
    private final TriggerSecret trigger;
    private final boolean everyRequest;
    private final double sampleFraction;
    private final Duration sampleInterval;
    private final Duration slowThreshold;
    private final boolean serverTimingAlways;
    private final String viewerPath;
    private final Function<HttpServletRequest, String> routes;
    private final RequestObserver observer;
    private final RateLimitedLog failures = new RateLimitedLog(LOG);

    private ProfilingFilter(Builder builder) {
        this.sampler = builder.sampler != null ? builder.sampler : Sampler.builder().build();
        this.recorder = builder.recorder;
        this.store = builder.store;
        this.triggerHeader = builder.triggerHeader;
        this.trigger = builder.triggerSecret == null ? null : new TriggerSecret(builder.triggerSecret);
        this.everyRequest = builder.everyRequest;
        this.sampleFraction = builder.sampleFraction;
        this.sampleInterval = builder.sampleInterval;
        this.slowThreshold = builder.slowThreshold;
        this.serverTimingAlways = builder.serverTiming;
        this.viewerPath = builder.viewerPath;
        this.routes = builder.routes;
        this.observer = builder.observer;
    }

    /**
     * Returns a builder; {@link Builder#store(ProfileStore)} and at least one mode (or
     * Server-Timing, or an observer) are required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest http) || !(response instanceof HttpServletResponse httpResponse)
                || request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        Exchange exchange = null;
        try {
            exchange = begin(http);
        } catch (RuntimeException e) {
            failures.warn("Could not start profiling " + http.getMethod() + " request; serving it unprofiled", e);
        }
        if (exchange == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean threw = true;
        try {
            chain.doFilter(request, response);
            threw = false;
        } finally {
            try {
                end(exchange, http, httpResponse, threw);
            } catch (RuntimeException e) {
                failures.warn("Could not finish the profile of " + http.getMethod() + " request; it was served", e);
            }
        }
    }

    /** Returns null when nothing is to be done for this request (the fast path). */
    Exchange begin(HttpServletRequest request) {
        long start = System.nanoTime();
        boolean triggered = trigger != null && trigger.matches(request.getHeader(triggerHeader));
        String mode;
        StackRecording recording;
        Thread thread = Thread.currentThread();
        if (triggered) {
            mode = "trigger";
            recording = start(thread, sampler.interval());
        } else if (everyRequest) {
            mode = "all";
            recording = start(thread, sampler.interval());
        } else if (sampleFraction > 0 && ThreadLocalRandom.current().nextDouble() < sampleFraction) {
            mode = "sample";
            recording = start(thread, sampleInterval);
        } else if (slowThreshold != null) {
            mode = "slow";
            recording = sampler.startAfter(thread, slowThreshold, sampler.interval()).orElse(null);
        } else {
            mode = "none";
            recording = null;
        }
        boolean timing = serverTimingAlways || triggered;
        if (recording == null && !timing && observer == null) {
            return null;
        }
        // CPU is read for requests that are profiled or report it in Server-Timing; allocation only
        // for profiled ones (no header shows it). A slow-mode request is not measured here (a
        // thread's CPU clock is a system call, too dear for every request): the sampler reads both
        // when its threshold passes.
        boolean profiled = recording != null && !"slow".equals(mode);
        return new Exchange(start, Instant.now(), mode, recording, timing,
                timing || profiled ? ThreadCost.cpuNanos() : -1, profiled ? ThreadCost.allocatedBytes() : -1);
    }

    /** The alternative recorder first (async-profiler runs one session at a time), then the sampler. */
    private StackRecording start(Thread thread, Duration interval) {
        if (recorder != null) {
            Optional<? extends StackRecording> started = recorder.start(thread, interval);
            if (started.isPresent()) {
                return started.get();
            }
        }
        return sampler.start(thread, interval).orElse(null);
    }

    void end(Exchange exchange, HttpServletRequest request, HttpServletResponse response, boolean threw) {
        StackRecording recording = exchange.recording;
        StackTree stacks = recording == null ? null : recording.stop();
        Recording delayed = "slow".equals(exchange.mode) ? (Recording) recording : null;
        boolean keep = stacks != null && (delayed == null || delayed.hasStarted());
        long cpuStart = exchange.cpuStart;
        long allocatedStart = exchange.allocatedStart;
        if (keep && delayed != null) {
            cpuStart = delayed.threadCpuNanosAtStart();
            allocatedStart = delayed.threadAllocatedBytesAtStart();
        }
        long cpu = cpuStart < 0 ? -1 : ThreadCost.delta(cpuStart, ThreadCost.cpuNanos());
        long allocated = allocatedStart < 0 ? -1 : ThreadCost.delta(allocatedStart, ThreadCost.allocatedBytes());
        // Drawn only for a profile that is kept: SecureRandom is too slow for every slow-mode request.
        String profileId = keep ? Profile.newId() : null;
        if (exchange.timing && !response.isCommitted()) {
            response.addHeader(HEADER, serverTiming(request, response, System.nanoTime() - exchange.startNanos, cpu,
                    profileId));
        }
        if (request.isAsyncStarted()) {
            request.getAsyncContext().addListener(new AsyncEnd(exchange, request, stacks, cpu, allocated, profileId));
            return;
        }
        finish(exchange, request, threw ? 500 : response.getStatus(), stacks, cpu, allocated, profileId);
    }

    private void finish(Exchange exchange, HttpServletRequest request, int status, StackTree stacks, long cpu,
            long allocated, String profileId) {
        Duration wall = Duration.ofNanos(System.nanoTime() - exchange.startNanos);
        String route = null;
        boolean stored = false;
        if (profileId != null) {
            route = routes.apply(request);
            Profile profile = Profile.builder(stacks).id(profileId).method(request.getMethod())
                    .route(route).path(request.getRequestURI() + (request.getQueryString() == null ? "" : "?"))
                    .status(status).startedAt(exchange.startedAt).wallTime(wall).cpuNanos(cpu)
                    .allocatedBytes(allocated).reason(exchange.mode).build();
            stored = store.add(profile);
        }
        if (observer != null) {
            try {
                observer.onRequest(new RequestSummary(request.getMethod(), route != null ? route : routes.apply(request),
                        status, wall, exchange.mode, stored));
            } catch (RuntimeException e) {
                failures.warn("The request observer " + observer.getClass().getName() + " failed", e);
            }
        }
    }

    private String serverTiming(HttpServletRequest request, HttpServletResponse response, long wallNanos, long cpuNanos,
            String profileId) {
        StringBuilder header = new StringBuilder(64).append("app;dur=").append(ServerTiming.millis(wallNanos));
        if (cpuNanos >= 0) {
            header.append(", cpu;dur=").append(ServerTiming.millis(cpuNanos));
        }
        if (profileId != null && viewerPath != null) {
            header.append(", prof;desc=\"").append(request.getContextPath()).append(viewerPath).append('/')
                    .append(profileId).append('"');
        }
        java.util.Collection<String> written = response.getHeaders(HEADER);
        for (String entry : ServerTiming.entries(request)) {
            // A module that also wrote its entry as a header of its own (the query inspector does)
            // must not see it twice.
            if (!alreadyWritten(written, entry)) {
                header.append(", ").append(entry);
            }
        }
        return header.toString();
    }

    private static boolean alreadyWritten(java.util.Collection<String> written, String entry) {
        for (String value : written) {
            if (value.contains(entry)) {
                return true;
            }
        }
        return false;
    }

    /** The state of one request between begin and end. */
    record Exchange(long startNanos, Instant startedAt, String mode, StackRecording recording, boolean timing,
            long cpuStart, long allocatedStart) {
    }

    /** Stores an async request's profile once it completes, with its final status and duration. */
    private final class AsyncEnd implements AsyncListener {
        private final Exchange exchange;
        private final HttpServletRequest request;
        private final StackTree stacks;
        private final long cpu;
        private final long allocated;
        private final String profileId;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile boolean failed;

        AsyncEnd(Exchange exchange, HttpServletRequest request, StackTree stacks, long cpu, long allocated, String profileId) {
            this.exchange = exchange;
            this.request = request;
            this.stacks = stacks;
            this.cpu = cpu;
            this.allocated = allocated;
            this.profileId = profileId;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                int status = event.getSuppliedResponse() instanceof HttpServletResponse response ? response.getStatus() : 0;
                finish(exchange, request, failed && status < 400 ? 500 : status, stacks, cpu, allocated, profileId);
            } catch (RuntimeException e) {
                failures.warn("Could not finish the profile of an async request; it was served", e);
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            failed = true;
        }

        @Override
        public void onError(AsyncEvent event) {
            failed = true;
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new startAsync drops the listeners of the old cycle: stay registered.
            event.getAsyncContext().addListener(this);
        }
    }

    /** Configures a {@link ProfilingFilter}; {@link #build()} checks the whole configuration. */
    public static final class Builder {
        private Sampler sampler;
        private StackRecorder recorder;
        private ProfileStore store;
        private String triggerHeader = DEFAULT_TRIGGER_HEADER;
        private String triggerSecret;
        private boolean triggerSet;
        private boolean everyRequest;
        private boolean allowEveryRequest = Boolean.getBoolean(ALLOW_EVERY_REQUEST_PROPERTY);
        private double sampleFraction;
        private Duration sampleInterval;
        private Duration slowThreshold;
        private boolean serverTiming;
        private String viewerPath;
        private Function<HttpServletRequest, String> routes = RouteNames.DEFAULT;
        private RequestObserver observer;

        private Builder() {
        }

        /**
         * Sets the sampler; by default one with {@link Sampler#builder()}'s defaults.
         *
         * @param sampler the sampler (its interval is used by {@code trigger}, {@code all} and {@code slow})
         * @return this builder
         */
        public Builder sampler(Sampler sampler) {
            this.sampler = Objects.requireNonNull(sampler, "sampler");
            return this;
        }

        /**
         * Sets another recorder to try first for {@code trigger}, {@code all} and {@code sample}
         * requests, such as {@code AsyncProfilerRecorder.ifAvailable("wall")}; when it returns
         * empty (async-profiler records one request at a time) the sampler is used. {@code slow}
         * mode always uses the sampler.
         *
         * @param recorder the preferred recorder
         * @return this builder
         */
        public Builder recorder(StackRecorder recorder) {
            this.recorder = Objects.requireNonNull(recorder, "recorder");
            return this;
        }

        /**
         * Sets where profiles are kept (required); give the same store to {@link ProfilerServlet}.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(ProfileStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Profiles requests whose {@value #DEFAULT_TRIGGER_HEADER} header equals {@code secret}.
         *
         * @param secret at least 16 characters; keep it out of source code
         * @return this builder
         */
        public Builder trigger(String secret) {
            return trigger(DEFAULT_TRIGGER_HEADER, secret);
        }

        /**
         * Profiles requests whose header {@code header} equals {@code secret}.
         *
         * @param header the header name
         * @param secret at least 16 characters; keep it out of source code
         * @return this builder
         */
        public Builder trigger(String header, String secret) {
            this.triggerHeader = header;
            this.triggerSecret = secret;
            this.triggerSet = true;
            return this;
        }

        /**
         * Profiles a random fraction of requests, each at {@code interval}.
         *
         * @param fraction more than 0 and at most 1, such as 0.01
         * @param interval time between samples, at least 1 ms (such as 20 ms)
         * @return this builder
         */
        public Builder sample(double fraction, Duration interval) {
            this.sampleFraction = fraction;
            this.sampleInterval = interval;
            return this;
        }

        /**
         * Samples a request from the moment it has run for {@code threshold}.
         *
         * @param threshold positive, such as 100 ms
         * @return this builder
         */
        public Builder slow(Duration threshold) {
            this.slowThreshold = threshold;
            return this;
        }

        /**
         * Profiles every request: development only. {@link #build()} refuses it unless
         * {@link #allowEveryRequest(boolean)} or the system property
         * {@value #ALLOW_EVERY_REQUEST_PROPERTY}{@code =true} allows it.
         *
         * @return this builder
         */
        public Builder everyRequest() {
            this.everyRequest = true;
            return this;
        }

        /**
         * Allows {@link #everyRequest()}, for example where a development profile is active.
         *
         * @param allow whether every request may be profiled
         * @return this builder
         */
        public Builder allowEveryRequest(boolean allow) {
            this.allowEveryRequest = allow;
            return this;
        }

        /**
         * Writes {@code Server-Timing} on every response; by default only on responses to requests
         * carrying the trigger secret. It shows timings to anyone who can see responses.
         *
         * @param always whether every response gets the header
         * @return this builder
         */
        public Builder serverTiming(boolean always) {
            this.serverTiming = always;
            return this;
        }

        /**
         * Sets where {@link ProfilerServlet} is mapped inside the application, such as
         * {@code /_profiler}, so that {@code Server-Timing} can link to a request's profile.
         *
         * @param path starts with {@code /}, no trailing {@code /}
         * @return this builder
         */
        public Builder viewerPath(String path) {
            this.viewerPath = path;
            return this;
        }

        /**
         * Sets how a request is named in the store and meters; by default
         * {@link RouteNames#DEFAULT}. Keep the number of distinct values small.
         *
         * @param routes a function of the request, such as a framework's matched pattern
         * @return this builder
         */
        public Builder route(Function<HttpServletRequest, String> routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
            return this;
        }

        /**
         * Sets who hears about every request, such as Micrometer meters.
         *
         * @param observer called once per request
         * @return this builder
         */
        public Builder observer(RequestObserver observer) {
            this.observer = Objects.requireNonNull(observer, "observer");
            return this;
        }

        /**
         * Checks the configuration and builds the filter.
         *
         * @return a new filter
         * @throws IllegalArgumentException naming the first setting that is wrong, and why
         */
        public ProfilingFilter build() {
            if (store == null) {
                throw new IllegalArgumentException("store must be set: profiles need a ProfileStore to go to");
            }
            if (triggerSet) {
                if (triggerHeader == null || !triggerHeader.matches("[A-Za-z0-9-]{1,64}")) {
                    throw new IllegalArgumentException("trigger header must be a header name of letters, digits and '-', but was "
                            + triggerHeader);
                }
                if (triggerSecret == null || triggerSecret.length() < 16 || triggerSecret.isBlank()) {
                    throw new IllegalArgumentException("trigger secret must be at least 16 characters, but was "
                            + (triggerSecret == null ? "null" : triggerSecret.length() + " characters"));
                }
            }
            if (sampleInterval != null || sampleFraction != 0) {
                if (!(sampleFraction > 0 && sampleFraction <= 1)) {
                    throw new IllegalArgumentException("sample fraction must be more than 0 and at most 1, but was " + sampleFraction);
                }
                if (sampleInterval == null || sampleInterval.compareTo(Duration.ofMillis(1)) < 0) {
                    throw new IllegalArgumentException("sample interval must be at least 1 ms, but was " + sampleInterval);
                }
            }
            if (slowThreshold != null && (slowThreshold.isNegative() || slowThreshold.isZero())) {
                throw new IllegalArgumentException("slow threshold must be positive, but was " + slowThreshold);
            }
            if (everyRequest && !allowEveryRequest) {
                throw new IllegalArgumentException("everyRequest profiles every request and is for development only;"
                        + " allow it with allowEveryRequest(true) or -D" + ALLOW_EVERY_REQUEST_PROPERTY + "=true");
            }
            if (viewerPath != null && !viewerPath.matches("/[A-Za-z0-9._~/-]*[A-Za-z0-9._~-]")) {
                throw new IllegalArgumentException("viewerPath must start with '/' and not end with '/', but was " + viewerPath);
            }
            if (!triggerSet && !everyRequest && sampleFraction == 0 && slowThreshold == null && !serverTiming
                    && observer == null) {
                throw new IllegalArgumentException("no mode is set: the filter would do nothing;"
                        + " set trigger(secret), sample(fraction, interval), slow(threshold) or everyRequest()");
            }
            return new ProfilingFilter(this);
        }
    }
}
