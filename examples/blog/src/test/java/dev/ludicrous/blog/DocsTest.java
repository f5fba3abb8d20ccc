package dev.ludicrous.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.testsupport.DocSnippets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DocsTest {
    @Test
    void guideShowsTheCodeAsItIs() {
        // The guide quotes the wiring itself, so its snippets live in the main sources too.
        int checked = DocSnippets.assertInSync(Path.of("../../docs/blog.md"), Path.of("src"));

        assertThat(checked).isEqualTo(10);
    }
}
