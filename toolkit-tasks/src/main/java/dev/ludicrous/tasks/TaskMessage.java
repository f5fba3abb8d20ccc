package dev.ludicrous.tasks;

import java.util.Objects;

/**
 * One task on its way through a {@link Broker}: the task's name, id, attempt, the options that
 * govern its run, and its encoded arguments. Immutable.
 *
 * <p>Brokers that cross processes store it with {@link #toWire()} and read it back with
 * {@link #fromWire(String)}; the format is plain text (a version line, one header per line, then
 * the arguments as the codec wrote them), never Java serialization.
 */
public final class TaskMessage {
    private static final String VERSION = "t1";
    private static final int HEADER_LINES = 13;

    private final String id;
    private final String task;
    private final String queue;
    private final int attempt;
    private final long enqueuedAtMillis;
    private final long notBeforeMillis;
    private final String idempotencyKey;
    private final int maxRetries;
    private final long backoffMillis;
    private final long maxBackoffMillis;
    private final boolean jitter;
    private final long timeLimitMillis;
    private final String args;
    private final String deliveryTag;
    private final boolean tracked;
    // Only the in-process broker uses these: the arguments object itself and the caller's handle.
    final Object localArgs;
    final LocalHandle handle;

    TaskMessage(String id, String task, String queue, int attempt, long enqueuedAtMillis, long notBeforeMillis,
            String idempotencyKey, int maxRetries, long backoffMillis, long maxBackoffMillis, boolean jitter,
            long timeLimitMillis, String args, String deliveryTag, Object localArgs, LocalHandle handle) {
        this(id, task, queue, attempt, enqueuedAtMillis, notBeforeMillis, idempotencyKey, maxRetries, backoffMillis,
                maxBackoffMillis, jitter, timeLimitMillis, args, deliveryTag, localArgs, handle, true);
    }

    TaskMessage(String id, String task, String queue, int attempt, long enqueuedAtMillis, long notBeforeMillis,
            String idempotencyKey, int maxRetries, long backoffMillis, long maxBackoffMillis, boolean jitter,
            long timeLimitMillis, String args, String deliveryTag, Object localArgs, LocalHandle handle,
            boolean tracked) {
        this.tracked = tracked;
        this.id = Objects.requireNonNull(id, "id");
        this.task = Objects.requireNonNull(task, "task");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.attempt = attempt;
        this.enqueuedAtMillis = enqueuedAtMillis;
        this.notBeforeMillis = notBeforeMillis;
        this.idempotencyKey = idempotencyKey;
        this.maxRetries = maxRetries;
        this.backoffMillis = backoffMillis;
        this.maxBackoffMillis = maxBackoffMillis;
        this.jitter = jitter;
        this.timeLimitMillis = timeLimitMillis;
        this.args = args;
        this.deliveryTag = deliveryTag;
        this.localArgs = localArgs;
        this.handle = handle;
    }

    /**
     * Returns the task's unique id.
     *
     * @return the task's unique id
     */
    public String id() {
        return id;
    }

    /**
     * Returns the task's registered name.
     *
     * @return the task's registered name
     */
    public String task() {
        return task;
    }

    /**
     * Returns the queue the task is sent to.
     *
     * @return the queue the task is sent to
     */
    public String queue() {
        return queue;
    }

    /**
     * Returns the attempt this message is for: 0 for the first run, 1 for the first retry, and so on.
     *
     * @return the attempt this message is for: 0 for the first run, 1 for the first retry, and so on
     */
    public int attempt() {
        return attempt;
    }

    /**
     * Returns when {@code delay} was called (epoch milliseconds, the sender's clock).
     *
     * @return when {@code delay} was called (epoch milliseconds, the sender's clock)
     */
    public long enqueuedAtMillis() {
        return enqueuedAtMillis;
    }

    /**
     * Returns the earliest start (epoch milliseconds), or 0 for "now". Brokers compare it with
     * their own clock (Redis uses its {@code TIME}), not the worker's.
     *
     * @return the earliest start in epoch milliseconds, or 0
     */
    public long notBeforeMillis() {
        return notBeforeMillis;
    }

    /**
     * Returns the idempotency key, or {@code null}.
     *
     * @return the idempotency key, or {@code null}
     */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /**
     * Returns how many retries a failing handler gets.
     *
     * @return how many retries a failing handler gets
     */
    public int maxRetries() {
        return maxRetries;
    }

    /**
     * Returns the first retry's back-off in milliseconds.
     *
     * @return the first retry's back-off in milliseconds
     */
    public long backoffMillis() {
        return backoffMillis;
    }

    /**
     * Returns the longest back-off in milliseconds.
     *
     * @return the longest back-off in milliseconds
     */
    public long maxBackoffMillis() {
        return maxBackoffMillis;
    }

    /**
     * Returns whether back-offs get jitter.
     *
     * @return whether back-offs get jitter
     */
    public boolean jitter() {
        return jitter;
    }

    /**
     * Returns whether the task's status is recorded for its handle (the {@code trackStatus} option);
     * brokers that record states skip the writes when it is {@code false}.
     *
     * @return whether the task's status is recorded
     */
    public boolean tracked() {
        return tracked;
    }

    /**
     * Returns the time limit in milliseconds, or 0 for none.
     *
     * @return the time limit in milliseconds, or 0 for none
     */
    public long timeLimitMillis() {
        return timeLimitMillis;
    }

    /**
     * Returns the arguments as the codec encoded them; {@code null} only inside the in-process broker.
     *
     * @return the arguments as the codec encoded them; {@code null} only inside the in-process broker
     */
    public String args() {
        return args;
    }

    /**
     * Returns the broker's reference to this delivery (a stream entry id for Redis), or {@code null}.
     *
     * @return the broker's reference to this delivery (a stream entry id for Redis), or {@code null}
     */
    public String deliveryTag() {
        return deliveryTag;
    }

    /**
     * Returns a copy carrying the broker's reference to this delivery.
     *
     * @param tag the broker's reference, such as a stream entry id
     * @return the copy
     */
    public TaskMessage withDeliveryTag(String tag) {
        return new TaskMessage(id, task, queue, attempt, enqueuedAtMillis, notBeforeMillis, idempotencyKey, maxRetries,
                backoffMillis, maxBackoffMillis, jitter, timeLimitMillis, args, tag, localArgs, handle, tracked);
    }

    /**
     * Returns a copy that names another task's id: what {@link Broker#send} returns when a
     * pending task holds the same idempotency key.
     *
     * @param pendingId the id of the pending task
     * @return the copy
     */
    public TaskMessage pendingAs(String pendingId) {
        return new TaskMessage(pendingId, task, queue, attempt, enqueuedAtMillis, notBeforeMillis, idempotencyKey,
                maxRetries, backoffMillis, maxBackoffMillis, jitter, timeLimitMillis, args, null, null, null, tracked);
    }

    /**
     * Returns a copy as a new first attempt, due now: how a dead letter is sent again.
     *
     * @return the copy
     */
    public TaskMessage restarted() {
        return asNew(0);
    }

    TaskMessage nextAttempt(long notBefore) {
        return new TaskMessage(id, task, queue, attempt + 1, enqueuedAtMillis, notBefore, idempotencyKey, maxRetries,
                backoffMillis, maxBackoffMillis, jitter, timeLimitMillis, args, null, localArgs, handle, tracked);
    }

    TaskMessage asNew(long notBefore) {
        return new TaskMessage(id, task, queue, 0, System.currentTimeMillis(), notBefore, idempotencyKey, maxRetries,
                backoffMillis, maxBackoffMillis, jitter, timeLimitMillis, args, null, localArgs, handle, tracked);
    }

    /**
     * Returns the message as text for a broker to store; {@link #fromWire(String)} reads it back.
     *
     * @return the message as text for a broker to store; {@link #fromWire(String)} reads it back
     */
    public String toWire() {
        StringBuilder out = new StringBuilder(96 + (args == null ? 0 : args.length()));
        out.append(VERSION).append('\n').append(id).append('\n').append(task).append('\n').append(queue).append('\n')
                .append(attempt).append('\n').append(enqueuedAtMillis).append('\n').append(notBeforeMillis).append('\n')
                .append(idempotencyKey == null ? "" : idempotencyKey).append('\n').append(maxRetries).append('\n')
                .append(backoffMillis).append('\n').append(maxBackoffMillis).append('\n').append(flags())
                .append('\n').append(timeLimitMillis).append('\n').append(args == null ? "" : args);
        return out.toString();
    }

    // One digit of flags where version t1 had only jitter ('0'/'1'): a tracked task's wire text is
    // unchanged, and a node that predates the flag reads an untracked task as one without jitter.
    private char flags() {
        return (char) ('0' + (jitter ? 1 : 0) + (tracked ? 0 : 2));
    }

    /**
     * Reads a message written by {@link #toWire()}.
     *
     * @param wire the text
     * @return the message, without a delivery tag
     * @throws IllegalArgumentException when the text is not a message of this version
     */
    public static TaskMessage fromWire(String wire) {
        // Line ends found with indexOf and numbers parsed in place, not split into strings: every
        // delivered task is read here, on the one fetching thread.
        int[] ends = new int[HEADER_LINES];
        int start = 0;
        for (int i = 0; i < HEADER_LINES; i++) {
            ends[i] = wire.indexOf('\n', start);
            if (ends[i] < 0) {
                throw notAMessage(wire);
            }
            start = ends[i] + 1;
        }
        if (ends[0] != VERSION.length() || !wire.startsWith(VERSION)) {
            throw notAMessage(wire);
        }
        try {
            String key = wire.substring(ends[6] + 1, ends[7]);
            int flags = flags(wire, ends[10] + 1, ends[11]);
            return new TaskMessage(wire.substring(ends[0] + 1, ends[1]), wire.substring(ends[1] + 1, ends[2]),
                    wire.substring(ends[2] + 1, ends[3]), integer(wire, ends, 4), number(wire, ends, 5),
                    number(wire, ends, 6), key.isEmpty() ? null : key, integer(wire, ends, 8), number(wire, ends, 9),
                    number(wire, ends, 10), (flags & 1) != 0, number(wire, ends, 12), wire.substring(start), null, null,
                    null, (flags & 2) == 0);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("task message has a malformed header: " + abbreviate(wire), e);
        }
    }

    private static int integer(String wire, int[] ends, int line) {
        return Integer.parseInt(wire, ends[line - 1] + 1, ends[line], 10);
    }

    /** The number on header line {@code line} (0 is the version). */
    private static long number(String wire, int[] ends, int line) {
        return Long.parseLong(wire, ends[line - 1] + 1, ends[line], 10);
    }

    private static IllegalArgumentException notAMessage(String wire) {
        return new IllegalArgumentException("not a task message (expected " + (HEADER_LINES + 1)
                + " parts starting with '" + VERSION + "'): " + abbreviate(wire));
    }

    private static int flags(String wire, int from, int to) {
        if (to - from != 1 || wire.charAt(from) < '0' || wire.charAt(from) > '3') {
            throw new NumberFormatException("flags must be one digit 0 to 3, but was '" + wire.substring(from, to) + "'");
        }
        return wire.charAt(from) - '0';
    }

    static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    @Override
    public String toString() {
        return "TaskMessage[" + task + " " + id + " attempt " + attempt + " queue " + queue + "]";
    }
}
