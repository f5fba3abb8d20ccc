package dev.ludicrous.profiling;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where one request (or any unit of work) spent its time: its samples as a call tree, and what
 * it cost. Immutable.
 *
 * <p>The path never holds a query string: {@link Builder#path(String)} replaces it with
 * {@code ?[redacted]}, because query strings carry tokens and personal data.
 */
public final class Profile {
    private static final SecureRandom IDS = new SecureRandom();
    private static final int BYTES_PER_NODE = 96;

    private final String id;
    private final String method;
    private final String route;
    private final String path;
    private final int status;
    private final Instant startedAt;
    private final Duration wallTime;
    private final long cpuNanos;
    private final long allocatedBytes;
    private final String reason;
    private final StackTree stacks;
    private final long estimatedBytes;

    private Profile(Builder builder) {
        this.id = builder.id != null ? builder.id : newId();
        this.method = builder.method;
        this.route = builder.route;
        this.path = builder.path;
        this.status = builder.status;
        this.startedAt = builder.startedAt;
        this.wallTime = builder.wallTime;
        this.cpuNanos = builder.cpuNanos;
        this.allocatedBytes = builder.allocatedBytes;
        this.reason = builder.reason;
        this.stacks = builder.stacks;
        this.estimatedBytes = 512L + stringBytes(path) + stringBytes(route) + treeBytes(stacks.root());
    }

    /**
     * Returns a builder for a profile with a new random id.
     *
     * @param stacks what the recording captured
     * @return a new builder
     */
    public static Builder builder(StackTree stacks) {
        return new Builder(stacks);
    }

    /**
     * Returns a new random id: 20 lowercase hex digits (80 bits), not guessable.
     *
     * @return a new id
     */
    public static String newId() {
        byte[] bytes = new byte[10];
        IDS.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Returns the id, unique and unguessable, used in the viewer's links.
     *
     * @return lowercase hex digits
     */
    public String id() {
        return id;
    }

    /**
     * Returns the HTTP method, or {@code "-"} when the profile is not of a request.
     *
     * @return the method
     */
    public String method() {
        return method;
    }

    /**
     * Returns the route the request was grouped under, such as {@code /posts/{id}}.
     *
     * @return the route
     */
    public String route() {
        return route;
    }

    /**
     * Returns the request path with any query string replaced by {@code ?[redacted]}.
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * Returns the response status, 0 when unknown.
     *
     * @return the HTTP status
     */
    public int status() {
        return status;
    }

    /**
     * Returns when the work started.
     *
     * @return the start time
     */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Returns how long the work took, start to end.
     *
     * @return the wall-clock duration
     */
    public Duration wallTime() {
        return wallTime;
    }

    /**
     * Returns the CPU time used by the thread that did the work, while it did.
     *
     * @return the CPU time, empty when the JVM does not measure it
     */
    public Optional<Duration> cpuTime() {
        return cpuNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(cpuNanos));
    }

    /**
     * Returns the bytes allocated by the thread that did the work, while it did.
     *
     * @return bytes, empty when the JVM does not measure them
     */
    public OptionalLong allocatedBytes() {
        return allocatedBytes < 0 ? OptionalLong.empty() : OptionalLong.of(allocatedBytes);
    }

    /**
     * Returns why the work was profiled: {@code trigger}, {@code sample}, {@code slow}, {@code all}
     * or a caller's own word.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    /**
     * Returns the samples as a call tree.
     *
     * @return the stacks
     */
    public StackTree stacks() {
        return stacks;
    }

    /**
     * Returns the number of samples.
     *
     * @return samples in the tree
     */
    public long samples() {
        return stacks.samples();
    }

    /**
     * Returns an estimate of the memory this profile holds, which {@code ProfileStore} bounds.
     *
     * @return bytes, approximately
     */
    public long estimatedBytes() {
        return estimatedBytes;
    }

    /**
     * Returns the frames with the most self samples (innermost on the stack), after folding.
     *
     * @param limit how many to return, at least 1
     * @param filter which frames to fold away first, for example {@link FrameFilter#defaults()}
     * @return up to {@code limit} frames, most samples first
     */
    public List<FrameCount> topFrames(int limit, FrameFilter filter) {
        Map<String, Long> self = new HashMap<>();
        collectSelf(filter.fold(stacks.root()), self);
        List<FrameCount> counts = new ArrayList<>();
        self.forEach((name, samples) -> counts.add(new FrameCount(name, samples)));
        counts.sort(Comparator.comparingLong(FrameCount::samples).reversed().thenComparing(FrameCount::name));
        return List.copyOf(counts.subList(0, Math.min(limit, counts.size())));
    }

    private static void collectSelf(FrameNode node, Map<String, Long> self) {
        if (node.self() > 0 && !node.name().equals(FrameTree.ROOT)) {
            self.merge(node.name(), node.self(), Long::sum);
        }
        for (FrameNode child : node.children()) {
            collectSelf(child, self);
        }
    }

    private static long treeBytes(FrameNode node) {
        long bytes = BYTES_PER_NODE + stringBytes(node.name());
        for (FrameNode child : node.children()) {
            bytes += treeBytes(child);
        }
        return bytes;
    }

    private static long stringBytes(String s) {
        return 40L + (s == null ? 0 : s.length());
    }

    @Override
    public String toString() {
        return "Profile[" + id + " " + method + " " + route + " " + status + " " + wallTime.toMillis() + " ms, "
                + samples() + " samples, " + reason + "]";
    }

    /** 1 to 64 lowercase ASCII letters and digits; a loop, not a regular expression compiled per call. */
    private static boolean validId(String id) {
        if (id == null || id.isEmpty() || id.length() > 64) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** Sets a profile's attributes; only the stacks are required. */
    public static final class Builder {
        private final StackTree stacks;
        // Drawn in build() only when no id was set: the filter sets its own, and SecureRandom is dear.
        private String id;
        private String method = "-";
        private String route = "-";
        private String path = "-";
        private int status;
        private Instant startedAt = Instant.now();
        private Duration wallTime = Duration.ZERO;
        private long cpuNanos = -1;
        private long allocatedBytes = -1;
        private String reason = "manual";

        private Builder(StackTree stacks) {
            this.stacks = Objects.requireNonNull(stacks, "stacks");
        }

        /**
         * Sets the id, for example one announced in a response header before the profile ends.
         *
         * @param id 1 to 64 lowercase letters and digits
         * @return this builder
         */
        public Builder id(String id) {
            if (!validId(id)) {
                throw new IllegalArgumentException("id must be 1 to 64 lowercase letters and digits, but was " + id);
            }
            this.id = id;
            return this;
        }

        /**
         * Sets the HTTP method.
         *
         * @param method such as {@code GET}
         * @return this builder
         */
        public Builder method(String method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Sets the route the profile is grouped under in {@code ProfileStore}.
         *
         * @param route such as {@code /posts/{id}}
         * @return this builder
         */
        public Builder route(String route) {
            this.route = Objects.requireNonNull(route, "route");
            return this;
        }

        /**
         * Sets the request path; a query string is replaced by {@code ?[redacted]}.
         *
         * @param path such as {@code /posts/42}
         * @return this builder
         */
        public Builder path(String path) {
            Objects.requireNonNull(path, "path");
            int query = path.indexOf('?');
            this.path = query < 0 ? path : path.substring(0, query) + "?[redacted]";
            return this;
        }

        /**
         * Sets the response status.
         *
         * @param status the HTTP status, 0 when unknown
         * @return this builder
         */
        public Builder status(int status) {
            this.status = status;
            return this;
        }

        /**
         * Sets when the work started.
         *
         * @param startedAt the start time
         * @return this builder
         */
        public Builder startedAt(Instant startedAt) {
            this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
            return this;
        }

        /**
         * Sets how long the work took.
         *
         * @param wallTime zero or more
         * @return this builder
         */
        public Builder wallTime(Duration wallTime) {
            if (wallTime == null || wallTime.isNegative()) {
                throw new IllegalArgumentException("wallTime must be zero or positive, but was " + wallTime);
            }
            this.wallTime = wallTime;
            return this;
        }

        /**
         * Sets the CPU time used by the thread.
         *
         * @param cpuNanos nanoseconds, or -1 when not measured
         * @return this builder
         */
        public Builder cpuNanos(long cpuNanos) {
            this.cpuNanos = cpuNanos < 0 ? -1 : cpuNanos;
            return this;
        }

        /**
         * Sets the bytes allocated by the thread.
         *
         * @param allocatedBytes bytes, or -1 when not measured
         * @return this builder
         */
        public Builder allocatedBytes(long allocatedBytes) {
            this.allocatedBytes = allocatedBytes < 0 ? -1 : allocatedBytes;
            return this;
        }

        /**
         * Sets why the work was profiled.
         *
         * @param reason such as {@code trigger}
         * @return this builder
         */
        public Builder reason(String reason) {
            this.reason = Objects.requireNonNull(reason, "reason");
            return this;
        }

        /**
         * Builds the profile.
         *
         * @return an immutable profile
         */
        public Profile build() {
            return new Profile(this);
        }
    }
}
