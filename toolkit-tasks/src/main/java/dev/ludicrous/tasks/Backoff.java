package dev.ludicrous.tasks;

import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with "equal jitter": half the computed wait, plus up to the other half at random. */
final class Backoff {
    private Backoff() {
    }

    static long millis(TaskMessage failed) {
        return millis(failed.attempt(), failed.backoffMillis(), failed.maxBackoffMillis(), failed.jitter());
    }

    static long millis(int attempt, long backoff, long maxBackoff, boolean jitter) {
        long cap = Math.max(backoff, maxBackoff);
        long wait = attempt >= 62 || backoff > (cap >> Math.min(attempt, 62)) ? cap : Math.min(cap, backoff << attempt);
        if (!jitter || wait < 2) {
            return wait;
        }
        long half = wait / 2;
        return half + ThreadLocalRandom.current().nextLong(wait - half + 1);
    }
}
