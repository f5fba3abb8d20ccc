package dev.ludicrous.tasks.http;

import java.util.Map;
import java.util.Objects;

/**
 * The arguments of an HTTP callback task: what to send, where.
 *
 * @param url an {@code http} or {@code https} URL
 * @param method {@code GET}, {@code POST}, {@code PUT}, {@code PATCH} or {@code DELETE}
 * @param headers request headers (restricted ones such as {@code Host} are refused by the JDK)
 * @param body the request body, or an empty string
 */
public record HttpCallbackRequest(String url, String method, Map<String, String> headers, String body) {
    /**
     * Checks and copies the parts.
     *
     * @param url an {@code http} or {@code https} URL
     * @param method the HTTP method
     * @param headers request headers, or {@code null} for none
     * @param body the body, or {@code null} for none
     */
    public HttpCallbackRequest {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(method, "method");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
    }

    /**
     * Returns a {@code POST} of a JSON body.
     *
     * @param url where to post
     * @param json the body
     * @return the request
     */
    public static HttpCallbackRequest postJson(String url, String json) {
        return new HttpCallbackRequest(url, "POST", Map.of("Content-Type", "application/json"), json);
    }

    /**
     * Returns a {@code GET}.
     *
     * @param url what to get
     * @return the request
     */
    public static HttpCallbackRequest get(String url) {
        return new HttpCallbackRequest(url, "GET", Map.of(), "");
    }
}
