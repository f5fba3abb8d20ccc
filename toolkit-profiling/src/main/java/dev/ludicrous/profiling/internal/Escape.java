package dev.ludicrous.profiling.internal;

/** Escaping for the text we render: HTML and JSON (the latter safe inside a script element). */
public final class Escape {
    private Escape() {
    }

    /**
     * Escapes text for HTML element content and quoted attribute values.
     *
     * @param text any text, null as empty
     * @return text with {@code & < > " '} replaced by character references
     */
    public static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Appends {@code text} as a JSON string literal, quotes included. Besides what JSON requires,
     * {@code < > &} and the line separators U+2028/U+2029 are escaped, so that the literal is
     * also safe inside an HTML {@code <script>} element.
     *
     * @param out where to append
     * @param text the string, null as JSON {@code null}
     */
    public static void json(StringBuilder out, String text) {
        if (text == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * Returns {@code text} as a JSON string literal, see {@link #json(StringBuilder, String)}.
     *
     * @param text the string
     * @return the quoted, escaped literal
     */
    public static String json(String text) {
        StringBuilder out = new StringBuilder();
        json(out, text);
        return out.toString();
    }
}
