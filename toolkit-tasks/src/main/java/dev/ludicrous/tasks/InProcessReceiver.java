package dev.ludicrous.tasks;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/** Takes tasks straight from the in-process queue; settling one only releases its idempotency key. */
final class InProcessReceiver implements Receiver {
    private final InProcessBroker broker;
    private final BlockingQueue<TaskMessage> queue;
    private volatile boolean closed;

    InProcessReceiver(InProcessBroker broker, BlockingQueue<TaskMessage> queue) {
        this.broker = broker;
        this.queue = queue;
    }

    @Override
    public List<TaskMessage> poll(int max, Duration timeout) throws InterruptedException {
        if (closed) {
            return List.of();
        }
        return Receiver.pollBatch(queue, max, timeout);
    }

    @Override
    public void ack(TaskMessage delivered) {
        broker.releaseKey(delivered);
    }

    @Override
    public void retry(TaskMessage delivered, TaskMessage next) {
        broker.schedule(next);
    }

    @Override
    public void deadLetter(TaskMessage delivered, String reason, String error) {
        broker.inProcessDeadLetters().add(delivered, reason, error);
        broker.releaseKey(delivered);
    }

    @Override
    public void release(TaskMessage delivered) {
        // Back to the head of the line is not possible with a FIFO; the tail keeps it from being lost.
        if (!queue.offer(delivered)) {
            broker.schedule(delivered);
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
