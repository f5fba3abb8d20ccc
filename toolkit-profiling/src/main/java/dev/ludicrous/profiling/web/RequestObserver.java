package dev.ludicrous.profiling.web;

/**
 * Hears about every request {@link ProfilingFilter} saw, after it ended; for meters such as
 * {@code dev.ludicrous.profiling.micrometer.ProfilingMetrics}. Called on the request's thread (or
 * the thread that completed an async request): keep it quick. An exception thrown here is
 * logged and never reaches the request.
 */
@FunctionalInterface
public interface RequestObserver {
    /**
     * Called once per request, after it ended.
     *
     * @param summary what happened
     */
    void onRequest(RequestSummary summary);
}
