package dev.ludicrous.profiling.web;

import java.time.Duration;

/**
 * What {@link ProfilingFilter} tells a {@link RequestObserver} about each request it saw.
 *
 * @param method the HTTP method
 * @param route the route, from the filter's route function
 * @param status the response status (500 when the request threw)
 * @param wallTime how long the request took (for an async request, until it completed)
 * @param mode why it was chosen for profiling: {@code trigger}, {@code all}, {@code sample},
 *     {@code slow}, or {@code none}
 * @param profiled whether a profile was stored (false also when the sampler was at its cap, or a
 *     {@code slow} request ended before its threshold)
 */
public record RequestSummary(String method, String route, int status, Duration wallTime, String mode,
        boolean profiled) {
}
