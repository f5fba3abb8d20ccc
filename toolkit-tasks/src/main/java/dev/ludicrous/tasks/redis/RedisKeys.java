package dev.ludicrous.tasks.redis;

/** Where the broker keeps what, under one prefix so that apps (and tests) share a Redis safely. */
record RedisKeys(String prefix) {
    static final String GROUP = "workers";
    static final int STATE_GROUP_CHARS = 7;

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

    /**
     * The hash holding the state records of the tasks whose ids share the first 7 characters: ids
     * begin with their creation time in tenths of a second, so one hash holds the tasks made in
     * one 100 ms period (see RedisStates). Any id works; the grouping only saves commands.
     */
    String states(String taskId) {
        return prefix + ":st:" + taskId.substring(0, Math.min(STATE_GROUP_CHARS, taskId.length()));
    }

    /** Followed by the first {@link #STATE_GROUP_CHARS} characters of a task id: its states hash (for Lua). */
    String statesPrefix() {
        return prefix + ":st:";
    }

    String idempotency(String key) {
        return prefix + ":idem:" + key;
    }
}
