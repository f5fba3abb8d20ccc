package dev.ludicrous.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.BinaryJedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * One daemon thread per manager that listens on the invalidation channel: bumps from every node
 * update the {@link VersionMirror}; a put or invalidate on another node drops this node's local
 * copy. When the connection drops it resubscribes with back-off, and the mirror distrusts itself
 * from the loss until the subscription is back.
 *
 * <p>Messages: {@code b <version> <node> <namespace>} and {@code k <node> <cache> <key>}.
 */
final class Invalidations {
    private static final Logger LOG = LoggerFactory.getLogger(Invalidations.class);

    interface Listener {
        void keyChanged(String cache, String key);

        void resubscribed();
    }

    private final UnifiedJedis redis;
    private final byte[] channel;
    private final String nodeId;
    private final byte[] nodeIdBytes;
    private final VersionMirror mirror;
    private final Listener listener;
    private final RedisHealth health;
    private final Duration initialBackoff;
    private final Duration maximumBackoff;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final Thread thread;
    private final PubSub pubSub = new PubSub();

    Invalidations(UnifiedJedis redis, String channel, String nodeId, VersionMirror mirror, Listener listener,
            RedisHealth health, Duration initialBackoff, Duration maximumBackoff) {
        this.redis = redis;
        this.channel = channel.getBytes(StandardCharsets.UTF_8);
        this.nodeId = nodeId;
        this.nodeIdBytes = nodeId.getBytes(StandardCharsets.US_ASCII);
        this.mirror = mirror;
        this.listener = listener;
        this.health = health;
        this.initialBackoff = initialBackoff;
        this.maximumBackoff = maximumBackoff;
        this.thread = new Thread(this::run, "ludicrous-cache-invalidations-" + nodeId);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /**
     * Waits a little for the first attempt to subscribe to end, so that a fresh manager can use its
     * local tier at once when Redis is up, and does not wait when it is down.
     */
    boolean awaitFirstAttempt(Duration timeout) {
        try {
            return firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void close() {
        closed.countDown();
        try {
            if (pubSub.isSubscribed()) {
                pubSub.unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.debug("Unsubscribing from the invalidation channel failed: {}", e.getMessage());
        }
    }

    private void run() {
        long backoff = initialBackoff.toMillis();
        while (closed.getCount() > 0) {
            try {
                redis.subscribe(pubSub, channel);
            } catch (RuntimeException e) {
                if (closed.getCount() > 0) {
                    health.subscriptionFailed(e);
                }
            }
            mirror.unsubscribed();
            firstAttempt.countDown();
            if (pubSub.subscribedSinceLastTry) {
                pubSub.subscribedSinceLastTry = false;
                backoff = initialBackoff.toMillis();
            } else {
                backoff = Math.min(backoff * 2, maximumBackoff.toMillis());
            }
            try {
                if (closed.await(backoff, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // Called on the subscriber thread only, inside redis.subscribe().
    private final class PubSub extends BinaryJedisPubSub {
        boolean subscribedSinceLastTry;

        @Override
        public void onSubscribe(byte[] subscribedChannel, int count) {
            mirror.subscribed();
            subscribedSinceLastTry = true;
            health.subscriptionWorks();
            firstAttempt.countDown();
            try {
                listener.resubscribed();
            } catch (RuntimeException e) {
                LOG.warn("Replaying bumps after resubscribing failed: {}", e.getMessage());
            }
        }

        @Override
        public void onMessage(byte[] from, byte[] message) {
            if (isOwnBump(message)) {
                // Applied when the script returned; every bump of this node comes back here, so
                // it is dropped without decoding.
                return;
            }
            try {
                handle(new String(message, StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                LOG.warn("Ignoring a malformed cache invalidation message ({})", e.getMessage());
            }
        }
    }

    private void handle(String message) {
        if (message.startsWith("b ")) {
            int versionEnd = message.indexOf(' ', 2);
            int nodeEnd = message.indexOf(' ', versionEnd + 1);
            // This node's own bumps were applied when the script returned.
            if (!isThisNode(message, versionEnd + 1, nodeEnd)) {
                mirror.bumped(message.substring(nodeEnd + 1), Long.parseLong(message, 2, versionEnd, 10));
            }
        } else if (message.startsWith("k ")) {
            int nodeEnd = message.indexOf(' ', 2);
            int cacheEnd = message.indexOf(' ', nodeEnd + 1);
            if (!isThisNode(message, 2, nodeEnd)) {
                listener.keyChanged(message.substring(nodeEnd + 1, cacheEnd), message.substring(cacheEnd + 1));
            }
        } else {
            throw new IllegalArgumentException("unknown message type");
        }
    }

    /** Whether the raw message is {@code b <version> <this node> ...}. */
    private boolean isOwnBump(byte[] message) {
        if (message.length < 2 || message[0] != 'b' || message[1] != ' ') {
            return false;
        }
        int versionEnd = 2;
        while (versionEnd < message.length && message[versionEnd] != ' ') {
            versionEnd++;
        }
        int start = versionEnd + 1;
        int end = start + nodeIdBytes.length;
        return end < message.length && message[end] == ' '
                && java.util.Arrays.equals(message, start, end, nodeIdBytes, 0, nodeIdBytes.length);
    }

    private boolean isThisNode(String message, int start, int end) {
        return end - start == nodeId.length() && message.regionMatches(start, nodeId, 0, nodeId.length());
    }

    static byte[] keyMessage(String nodeId, String cache, String key) {
        return ("k " + nodeId + " " + cache + " " + key).getBytes(StandardCharsets.UTF_8);
    }
}
