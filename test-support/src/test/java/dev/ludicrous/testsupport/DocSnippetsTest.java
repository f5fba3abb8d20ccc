package dev.ludicrous.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocSnippetsTest {
    @TempDir
    Path dir;

    private Path source(String body) throws IOException {
        Files.createDirectories(dir.resolve("src"));
        return Files.writeString(dir.resolve("src/Example.java"), "class Example {\n  void run() {\n" + body + "  }\n}\n");
    }

    private Path doc(String body) throws IOException {
        return Files.writeString(dir.resolve("guide.md"), "# Guide\n\n" + body);
    }

    @Test
    void matchingSnippetsPassIgnoringIndentation() throws IOException {
        source("    // snippet: greet\n    String name = \"x\";\n      System.out.println(name);\n    // end-snippet\n");
        Path guide = doc("<!-- snippet: greet -->\n```java\nString name = \"x\";\n  System.out.println(name);\n```\n\n```xml\n<free/>\n```\n");

        assertThat(DocSnippets.assertInSync(guide, dir.resolve("src"))).isEqualTo(1);
    }

    @Test
    void driftedSnippetFailsShowingBothVersions() throws IOException {
        source("    // snippet: greet\n    String name = \"new\";\n    // end-snippet\n");
        Path guide = doc("<!-- snippet: greet -->\n```java\nString name = \"old\";\n```\n");

        assertThatThrownBy(() -> DocSnippets.assertInSync(guide, dir.resolve("src")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("'greet' differs")
                .hasMessageContaining("\"old\"")
                .hasMessageContaining("\"new\"");
    }

    @Test
    void unmarkedJavaBlockAndMissingRegionFail() throws IOException {
        source("");
        Path guide = doc("```java\nint unmarked = 1;\n```\n<!-- snippet: gone -->\n```java\nint x = 2;\n```\n");

        assertThatThrownBy(() -> DocSnippets.assertInSync(guide, dir.resolve("src")))
                .hasMessageContaining("has no <!-- snippet: name --> marker: int unmarked = 1;")
                .hasMessageContaining("snippet 'gone' has no '// snippet: gone' region");
    }
}
