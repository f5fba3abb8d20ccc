package dev.ludicrous.tasks.redis;

/** Where the broker keeps what, under one prefix so that apps (and tests) share a Redis safely. */
record RedisKeys(String prefix) {
    static final String GROUP = "workers";

    String stream(String queue) {
        return prefix + ":q:" + queue;
    }

    String delayed(String queue) {
        return prefix + ":delayed:" + queue;
    }

    String dead() {
        return prefix + ":dead";
    }

    String claim(String claim) {
        return prefix + ":sched:" + claim;
    }

    /** A hash of the tracked tasks sent and not yet ended: task id to task name (their QUEUED). */
    String sent() {
        return prefix + ":sent";
    }

    /** Followed by a task id: the task's state record (see RedisStates). */
    String statusPrefix() {
        return prefix + ":st:";
    }

    String idempotency(String key) {
        return prefix + ":idem:" + key;
    }
}
