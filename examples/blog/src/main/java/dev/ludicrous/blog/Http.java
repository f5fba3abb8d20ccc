package dev.ludicrous.blog;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/** Small helpers the servlets share: writing a page and reading an id from a path. */
final class Http {
    private Http() {
    }

    static void html(HttpServletResponse response, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.getOutputStream().write(bytes);
    }

    /** The path segment as a positive id, or empty when it is not one. */
    static OptionalLong id(String segment) {
        if (segment == null || segment.isEmpty() || segment.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < segment.length(); i++) {
            if (!Character.isDigit(segment.charAt(i))) {
                return OptionalLong.empty();
            }
        }
        long id = Long.parseLong(segment);
        return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
    }

    /** The path after the servlet's mapping, split on '/', without the leading empty part. */
    static String[] segments(String pathInfo) {
        if (pathInfo == null || pathInfo.length() <= 1) {
            return new String[0];
        }
        return pathInfo.substring(1).split("/", -1);
    }
}
