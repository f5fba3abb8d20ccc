package dev.ludicrous.profiling.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns request paths into routes with few distinct values: numeric segments become {@code {id}},
 * UUIDs {@code {uuid}}, long hexadecimal or token-like segments {@code {hex}} and {@code {token}};
 * at most 8 segments and 120 characters are kept. So {@code /posts/42/comments} and
 * {@code /posts/43/comments} are both {@code /posts/{id}/comments}, which keeps meter tags and the
 * store's per-route lists bounded.
 */
public final class RouteNames {
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX = Pattern.compile("(?=.*\\d)[0-9a-fA-F]{16,}");
    private static final Pattern TOKEN = Pattern.compile("(?=.*\\d)[A-Za-z0-9_=-]{24,}");
    private static final int MAX_SEGMENTS = 8;
    private static final int MAX_LENGTH = 120;

    /** The default route function: the request's path inside the application, collapsed. */
    public static final Function<HttpServletRequest, String> DEFAULT = request -> {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = uri == null ? "/" : context != null && !context.isEmpty() && uri.startsWith(context)
                ? uri.substring(context.length()) : uri;
        return collapse(path);
    };

    private RouteNames() {
    }

    /**
     * Collapses the variable segments of {@code path}; a query string, if any, is dropped.
     *
     * @param path such as {@code /posts/42}
     * @return such as {@code /posts/{id}}
     */
    public static String collapse(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        int semicolon = path.indexOf(';');
        if (semicolon >= 0) {
            path = path.substring(0, semicolon);
        }
        StringBuilder route = new StringBuilder(Math.min(path.length(), MAX_LENGTH) + 8);
        int segments = 0;
        int start = path.startsWith("/") ? 1 : 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            String segment = path.substring(start, end);
            if (++segments > MAX_SEGMENTS) {
                route.append("/...");
                break;
            }
            route.append('/').append(replace(segment));
            start = end + 1;
            if (end == path.length()) {
                break;
            }
        }
        if (route.length() > MAX_LENGTH) {
            route.setLength(MAX_LENGTH);
            route.append("...");
        }
        return route.length() == 0 ? "/" : route.toString();
    }

    private static String replace(String segment) {
        if (NUMBER.matcher(segment).matches()) {
            return "{id}";
        }
        if (UUID.matcher(segment).matches()) {
            return "{uuid}";
        }
        if (HEX.matcher(segment).matches()) {
            return "{hex}";
        }
        if (TOKEN.matcher(segment).matches()) {
            return "{token}";
        }
        return segment;
    }
}
