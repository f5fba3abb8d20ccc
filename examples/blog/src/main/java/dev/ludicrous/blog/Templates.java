package dev.ludicrous.blog;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.MustacheFactory;
import java.io.StringWriter;
import java.util.Map;

/**
 * Mustache templates from {@code src/main/resources/templates}. {@code {{value}}} is HTML-escaped
 * by Mustache itself; the templates never use the unescaped {@code {{{value}}}} form.
 */
final class Templates {
    private final MustacheFactory factory = new DefaultMustacheFactory("templates");

    /** Renders {@code name}.mustache with {@code scope}; compiled templates are cached by the factory. */
    String render(String name, Map<String, ?> scope) {
        StringWriter out = new StringWriter(8_192);
        factory.compile(name + ".mustache").execute(out, scope);
        return out.toString();
    }
}
