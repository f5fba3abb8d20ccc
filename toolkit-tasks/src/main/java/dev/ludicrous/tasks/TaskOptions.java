package dev.ludicrous.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Options of a task, set per task (when it is defined) and per call (on {@code delay}); a call's
 * options override the task's, which override the defaults. Immutable and thread-safe.
 *
 * <p>Every setter checks its value at once and throws {@link IllegalArgumentException} naming the
 * option, the rule and the value. Defaults: queue {@code default}, no countdown, 3 retries with
 * exponential back-off from 1 s up to 10 min with jitter, no time limit, no idempotency key,
 * status tracked.
 */
public final class TaskOptions {
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");
    static final int MAX_RETRIES_LIMIT = 1_000;
    static final int IDEMPOTENCY_KEY_MAX_LENGTH = 200;

    static final TaskOptions DEFAULTS = builder().queue("default").maxRetries(3)
            .backoff(Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(10)).jitter(true).trackStatus(true).build();

    final String queue;
    final Duration countdown;
    final Instant eta;
    final Integer maxRetries;
    final Duration backoff;
    final Duration maxBackoff;
    final Boolean jitter;
    final Duration timeLimit;
    final String idempotencyKey;
    final Boolean trackStatus;

    private TaskOptions(Builder b) {
        this.queue = b.queue;
        this.countdown = b.countdown;
        this.eta = b.eta;
        this.maxRetries = b.maxRetries;
        this.backoff = b.backoff;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.timeLimit = b.timeLimit;
        this.idempotencyKey = b.idempotencyKey;
        this.trackStatus = b.trackStatus;
    }

    /**
     * Returns a builder with nothing set: every option falls back to the task's or the default.
     *
     * @return a builder with nothing set: every option falls back to the task's or the default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns options with nothing set.
     *
     * @return options with nothing set
     */
    public static TaskOptions none() {
        return new Builder().build();
    }

    /**
     * Returns these options with every unset option taken from {@code base}.
     *
     * @return these options with every unset option taken from {@code base}
     */
    TaskOptions over(TaskOptions base) {
        Builder b = new Builder();
        b.queue = queue != null ? queue : base.queue;
        if (countdown != null || eta != null) {
            b.countdown = countdown;
            b.eta = eta;
        } else {
            b.countdown = base.countdown;
            b.eta = base.eta;
        }
        b.maxRetries = maxRetries != null ? maxRetries : base.maxRetries;
        b.backoff = backoff != null ? backoff : base.backoff;
        b.maxBackoff = maxBackoff != null ? maxBackoff : base.maxBackoff;
        b.jitter = jitter != null ? jitter : base.jitter;
        b.timeLimit = timeLimit != null ? timeLimit : base.timeLimit;
        b.idempotencyKey = idempotencyKey != null ? idempotencyKey : base.idempotencyKey;
        b.trackStatus = trackStatus != null ? trackStatus : base.trackStatus;
        // Each side was checked when it was built; a call may lower maxRetries below a task's back-off.
        return new TaskOptions(b);
    }

    @Override
    public String toString() {
        return "TaskOptions[queue=" + queue + ", countdown=" + countdown + ", eta=" + eta + ", maxRetries=" + maxRetries
                + ", backoff=" + backoff + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", timeLimit=" + timeLimit
                + ", idempotencyKey=" + idempotencyKey + ", trackStatus=" + trackStatus + "]";
    }

    /** Builds {@link TaskOptions}; each setter validates its value at once. Not thread-safe. */
    public static final class Builder {
        private String queue;
        private Duration countdown;
        private Instant eta;
        private Integer maxRetries;
        private Duration backoff;
        private Duration maxBackoff;
        private Boolean jitter;
        private Duration timeLimit;
        private String idempotencyKey;
        private Boolean trackStatus;

        private Builder() {
        }

        /**
         * Sets the queue the task is sent to; workers consume the queues they are configured with.
         *
         * @param queue 1 to 100 letters, digits, {@code _ . : -}
         * @return this builder
         */
        public Builder queue(String queue) {
            Objects.requireNonNull(queue, "queue");
            if (!NAME.matcher(queue).matches()) {
                throw new IllegalArgumentException(
                        "queue must be 1 to 100 letters, digits or _ . : -, but was '" + queue + "'");
            }
            this.queue = queue;
            return this;
        }

        /**
         * Runs the task no earlier than this long after {@code delay}. Replaces an ETA.
         *
         * @param countdown zero or positive
         * @return this builder
         */
        public Builder countdown(Duration countdown) {
            Objects.requireNonNull(countdown, "countdown");
            if (countdown.isNegative()) {
                throw new IllegalArgumentException("countdown must not be negative, but was " + countdown);
            }
            this.countdown = countdown;
            this.eta = null;
            return this;
        }

        /**
         * Runs the task no earlier than this instant (an instant in the past means now). Replaces a countdown.
         *
         * @param eta the earliest start
         * @return this builder
         */
        public Builder eta(Instant eta) {
            this.eta = Objects.requireNonNull(eta, "eta");
            this.countdown = null;
            return this;
        }

        /**
         * Sets how many times a failing handler is retried before the task goes to the dead letters.
         *
         * @param maxRetries 0 to 1000
         * @return this builder
         */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 0 || maxRetries > MAX_RETRIES_LIMIT) {
                throw new IllegalArgumentException(
                        "maxRetries must be between 0 and " + MAX_RETRIES_LIMIT + ", but was " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Sets the wait before the first retry; each further retry waits twice as long, up to {@link #maxBackoff}.
         *
         * @param backoff positive
         * @return this builder
         */
        public Builder backoff(Duration backoff) {
            this.backoff = positive("backoff", backoff);
            return this;
        }

        /**
         * Sets the longest wait between two attempts.
         *
         * @param maxBackoff positive
         * @return this builder
         */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = positive("maxBackoff", maxBackoff);
            return this;
        }

        /**
         * Spreads retries at random between half and all of the computed back-off, so that tasks
         * that failed together do not retry together.
         *
         * @param jitter whether to add jitter
         * @return this builder
         */
        public Builder jitter(boolean jitter) {
            this.jitter = jitter;
            return this;
        }

        /**
         * Sets how long the handler may run; after it the worker thread is interrupted and the
         * attempt counts as failed.
         *
         * @param timeLimit positive
         * @return this builder
         */
        public Builder timeLimit(Duration timeLimit) {
            this.timeLimit = positive("timeLimit", timeLimit);
            return this;
        }

        /**
         * Makes a second {@code delay} with the same key a no-op while the first task is pending
         * (queued, running or retrying); it returns the first task's id.
         *
         * @param key 1 to 200 characters, no line breaks
         * @return this builder
         */
        public Builder idempotencyKey(String key) {
            Objects.requireNonNull(key, "idempotencyKey");
            if (key.isBlank() || key.length() > IDEMPOTENCY_KEY_MAX_LENGTH || key.indexOf('\n') >= 0
                    || key.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("idempotencyKey must be 1 to " + IDEMPOTENCY_KEY_MAX_LENGTH
                        + " characters without line breaks, but was '" + key + "'");
            }
            this.idempotencyKey = key;
            return this;
        }

        /**
         * Sets whether the task's status is recorded so that its {@link TaskHandle} follows it on
         * every node (on by default; Celery's {@code ignore_result} is {@code trackStatus(false)}).
         * On Redis it costs a few small writes per task, in pipelines the broker sends anyway.
         * Off, a Redis task's handle stays {@link TaskStatus#QUEUED} in the sending JVM; the
         * in-process broker tracks handles either way, at no cost.
         *
         * @param trackStatus whether to record the status
         * @return this builder
         */
        public Builder trackStatus(boolean trackStatus) {
            this.trackStatus = trackStatus;
            return this;
        }

        /**
         * Returns the options, after checking that they agree with each other.
         *
         * @return the options
         * @throws IllegalArgumentException when back-off is set with {@code maxRetries} 0, or
         *     {@code maxBackoff} is shorter than {@code backoff}
         */
        public TaskOptions build() {
            if (maxRetries != null && maxRetries == 0 && backoff != null) {
                throw new IllegalArgumentException("backoff is set to " + backoff
                        + " but maxRetries is 0: there is nothing to back off; drop backoff or set maxRetries above 0");
            }
            if (backoff != null && maxBackoff != null && maxBackoff.compareTo(backoff) < 0) {
                throw new IllegalArgumentException(
                        "maxBackoff must be at least backoff (" + backoff + "), but was " + maxBackoff);
            }
            return new TaskOptions(this);
        }

        private static Duration positive(String option, Duration value) {
            Objects.requireNonNull(value, option);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(option + " must be positive, but was " + value);
            }
            return value;
        }
    }
}
