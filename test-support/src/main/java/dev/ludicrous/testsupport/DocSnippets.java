package dev.ludicrous.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the Java examples in a guide identical to code that the test suite compiles and runs.
 *
 * <p>In the guide, every {@code ```java} block is preceded by a marker naming it:
 * <pre>
 * &lt;!-- snippet: wrap-datasource --&gt;
 * ```java
 * DataSource ds = inspector.wrap(hikari);
 * ```
 * </pre>
 * and a test source holds the same lines between {@code // snippet: wrap-datasource} and
 * {@code // end-snippet}. {@link #assertInSync} fails when a block has no marker, a marker has no
 * source, or the two differ (indentation aside).
 */
public final class DocSnippets {
    private static final Pattern DOC_BLOCK = Pattern.compile(
            "(?:<!--\\s*snippet:\\s*([\\w.-]+)\\s*-->\\s*\\n)?```java[^\\n]*\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern SOURCE_REGION = Pattern.compile(
            "^[ \\t]*//\\s*snippet:\\s*([\\w.-]+)[ \\t]*\\n(.*?)^[ \\t]*//\\s*end-snippet", Pattern.DOTALL | Pattern.MULTILINE);

    private DocSnippets() {
    }

    /**
     * Checks every Java block of {@code markdown} against the snippet regions of the {@code .java}
     * files under {@code sourceRoot}.
     *
     * @return the number of snippets checked
     * @throws AssertionError listing every block that is unmarked, missing from the sources or different
     */
    public static int assertInSync(Path markdown, Path sourceRoot) {
        Map<String, String> sources = regions(sourceRoot);
        List<String> problems = new ArrayList<>();
        Matcher block = DOC_BLOCK.matcher(read(markdown));
        int checked = 0;
        while (block.find()) {
            String name = block.group(1);
            String code = normalize(block.group(2));
            if (name == null) {
                problems.add("a ```java block has no <!-- snippet: name --> marker: " + firstLine(code));
            } else if (!sources.containsKey(name)) {
                problems.add("snippet '" + name + "' has no '// snippet: " + name + "' region under " + sourceRoot);
            } else if (!sources.get(name).equals(code)) {
                problems.add("snippet '" + name + "' differs from its source.\n--- in " + markdown + ":\n" + code
                        + "\n--- in the test sources:\n" + sources.get(name));
            } else {
                checked++;
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(markdown + " is out of sync with its examples:\n- " + String.join("\n- ", problems));
        }
        return checked;
    }

    static Map<String, String> regions(Path sourceRoot) {
        Map<String, String> regions = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(sourceRoot)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                Matcher region = SOURCE_REGION.matcher(read(file));
                while (region.find()) {
                    regions.put(region.group(1), normalize(region.group(2)));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return regions;
    }

    /** Removes the indentation common to all lines and blank lines at either end. */
    static String normalize(String code) {
        List<String> lines = new ArrayList<>(code.lines().map(String::stripTrailing).toList());
        while (!lines.isEmpty() && lines.get(0).isEmpty()) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        int indent = lines.stream().filter(line -> !line.isEmpty())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(line -> line.isEmpty() ? line : line.substring(indent)).toList());
    }

    private static String firstLine(String code) {
        return code.lines().findFirst().orElse("");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
