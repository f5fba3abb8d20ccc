package dev.ludicrous.profiling;

import dev.ludicrous.profiling.internal.Escape;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a profile as a self-contained HTML flame graph: one file with inline SVG, CSS and script,
 * no external scripts, fonts or images, that a browser opens from disk or from the viewer.
 * Frames can be searched (matches turn magenta and the share of samples they cover is shown)
 * and clicked to zoom in.
 *
 * <p>Every value taken from the profile is HTML-escaped, or JSON-escaped inside a data block that
 * is never executed; the page carries its own {@code Content-Security-Policy} that allows only
 * its own nonce-tagged script and style.
 */
public final class FlameGraph {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");
    private static final SecureRandom NONCES = new SecureRandom();
    private static final String TEMPLATE = load();

    private FlameGraph() {
    }

    /**
     * Returns the HTML page of {@code profile} with the call tree {@code root}, with a fresh nonce.
     *
     * @param profile the profile, for its title and figures
     * @param root the call tree, usually {@code filter.fold(profile.stacks().root())}
     * @return a complete HTML document
     */
    public static String html(Profile profile, FrameNode root) {
        return html(profile, root, newNonce());
    }

    /**
     * Returns the HTML page, with the given CSP nonce (the viewer sends the same nonce in its
     * {@code Content-Security-Policy} header).
     *
     * @param profile the profile, for its title and figures
     * @param root the call tree to draw
     * @param nonce a fresh random value of base64 characters
     * @return a complete HTML document
     */
    public static String html(Profile profile, FrameNode root, String nonce) {
        if (!nonce.matches("[A-Za-z0-9+/=_-]{16,}")) {
            throw new IllegalArgumentException("nonce must be at least 16 base64 characters, but was " + nonce);
        }
        String title = profile.method() + " " + profile.path();
        StringBuilder meta = new StringBuilder();
        meta(meta, "route", profile.route());
        meta(meta, "status", profile.status() == 0 ? "-" : Integer.toString(profile.status()));
        meta(meta, "wall", profile.wallTime().toMillis() + " ms");
        meta(meta, "cpu", profile.cpuTime().map(cpu -> cpu.toMillis() + " ms").orElse("n/a"));
        meta(meta, "allocated", profile.allocatedBytes().isPresent() ? bytes(profile.allocatedBytes().getAsLong()) : "n/a");
        meta(meta, "samples", profile.samples() + " every ~" + profile.stacks().interval().toMillis() + " ms");
        meta(meta, "reason", profile.reason());
        meta(meta, "started", DateTimeFormatter.ISO_INSTANT.format(profile.startedAt()));
        meta(meta, "id", profile.id());

        StringBuilder data = new StringBuilder(64 + root.nodeCount() * 48);
        data.append("{\"tree\":");
        tree(data, root);
        data.append('}');

        Matcher matcher = PLACEHOLDER.matcher(TEMPLATE);
        StringBuilder out = new StringBuilder(TEMPLATE.length() + data.length() + meta.length() + 256);
        while (matcher.find()) {
            String value = switch (matcher.group(1)) {
                case "nonce" -> nonce;
                case "title" -> Escape.html(title);
                case "meta" -> meta.toString();
                case "data" -> data.toString();
                default -> throw new IllegalStateException("unknown placeholder " + matcher.group());
            };
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /**
     * Returns a fresh random nonce for a {@code Content-Security-Policy}.
     *
     * @return 24 base64 characters (128 random bits)
     */
    public static String newNonce() {
        byte[] bytes = new byte[18];
        NONCES.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void tree(StringBuilder out, FrameNode node) {
        out.append("{\"n\":");
        Escape.json(out, node.name());
        out.append(",\"v\":").append(node.total());
        if (!node.children().isEmpty()) {
            out.append(",\"c\":[");
            for (int i = 0; i < node.children().size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                tree(out, node.children().get(i));
            }
            out.append(']');
        }
        out.append('}');
    }

    private static void meta(StringBuilder out, String label, String value) {
        out.append("<span>").append(Escape.html(label)).append(": <b>").append(Escape.html(value)).append("</b></span>");
    }

    static String bytes(long bytes) {
        if (bytes < 10 * 1024) {
            return bytes + " B";
        }
        if (bytes < 10L * 1024 * 1024) {
            return bytes / 1024 + " KiB";
        }
        return bytes / (1024 * 1024) + " MiB";
    }

    private static String load() {
        try (InputStream in = FlameGraph.class.getResourceAsStream("flamegraph.html")) {
            if (in == null) {
                throw new IllegalStateException("flamegraph.html is missing from the toolkit-profiling jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
