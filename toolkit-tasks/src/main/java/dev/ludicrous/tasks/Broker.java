package dev.ludicrous.tasks;

import java.util.List;

/**
 * Where tasks wait for a worker. {@link Tasks} uses an in-process broker unless one is given;
 * {@code dev.ludicrous.tasks.redis.RedisBroker} spreads tasks over several nodes.
 *
 * <p>Contract: a message accepted by {@link #send} is delivered at least once to a
 * {@link Receiver} of its queue, not before {@link TaskMessage#notBeforeMillis()}, and stays with
 * the broker until a receiver acknowledges, retries or dead-letters it. Implementations are thread-safe.
 */
public interface Broker extends AutoCloseable {
    /**
     * Queues messages (due now, or later when {@link TaskMessage#notBeforeMillis()} is in the future).
     *
     * @param messages the messages, in order
     * @return for each message, the message that is now pending: the message itself, or a message
     *     with the id of a pending task that holds the same idempotency key
     * @throws TaskRejectedException when the messages could not be stored; none of them is then
     *     pending unless the exception says otherwise
     */
    List<TaskMessage> send(List<TaskMessage> messages);

    /**
     * Opens a receiver of one queue for a worker node.
     *
     * @param queue the queue
     * @param prefetch how many messages the receiver may hold for this node before they are polled
     * @return the receiver; {@link Receiver#close()} it when the node stops
     */
    Receiver receiver(String queue, int prefetch);

    /**
     * Sends a message unless {@code claim} is already held, and holds it for {@code claimTtl}, in
     * one atomic step: how a schedule fires once per period when several nodes run it.
     *
     * @param message the message to send now
     * @param claim a name for this period of this schedule
     * @param claimTtl how long the claim is held
     * @return {@code true} when this call sent the message
     * @throws UnsupportedOperationException when the broker has no such step (schedules then cannot run on it)
     * @throws TaskRejectedException when the broker could not be reached
     */
    default boolean sendOnce(TaskMessage message, String claim, java.time.Duration claimTtl) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot run schedules: it has no sendOnce");
    }

    /**
     * Returns the broker's clock, in epoch milliseconds, which schedules use so that nodes agree.
     *
     * @return the current time by the broker
     */
    default long currentTimeMillis() {
        return System.currentTimeMillis();
    }

    /**
     * Returns whether this broker records the state of tasks sent with {@code trackStatus} on, so
     * that {@link #states} answers for tasks run on any node. The in-process broker does not: its
     * handles are updated directly.
     *
     * @return whether {@link #states} is supported
     */
    default boolean tracksStates() {
        return false;
    }

    /**
     * Reads the recorded states of tasks, in one round trip.
     *
     * @param taskIds the tasks' ids
     * @return for each id, in order, its state, or {@link TaskState#UNKNOWN} when nothing is recorded
     * @throws UnsupportedOperationException when {@link #tracksStates()} is {@code false}
     * @throws TaskRejectedException when the broker could not be reached
     */
    default List<TaskState> states(List<String> taskIds) {
        throw new UnsupportedOperationException(getClass().getName() + " records no task states");
    }

    /**
     * Returns the tasks that could not be run, for listing, inspection, retry and removal.
     *
     * @return the tasks that could not be run, for listing, inspection, retry and removal
     */
    DeadLetters deadLetters();

    /** Releases the broker's resources; it does not close clients that the user passed in. */
    @Override
    void close();
}
