package dev.ludicrous.blog;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** Renders whole pages: the shared scope every page gets, and the not-found page. */
final class Pages {
    private final Templates templates;

    Pages(Templates templates) {
        this.templates = templates;
    }

    String render(String template, String title, Map<String, ?> values) {
        Map<String, Object> scope = new HashMap<>(values);
        scope.put("pageTitle", title);
        return templates.render(template, scope);
    }

    void send(HttpServletResponse response, int status, String template, String title, Map<String, ?> values)
            throws IOException {
        Http.html(response, status, render(template, title, values));
    }

    void notFound(HttpServletResponse response) throws IOException {
        send(response, HttpServletResponse.SC_NOT_FOUND, "not-found", "Not found", Map.of());
    }
}
