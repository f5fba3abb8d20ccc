package dev.ludicrous.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputFormatsTest {

    private final Profile profile = Trees.profile("/cart/{id}", 120,
            "shop.Cart.render;shop.Cart.total 7",
            "shop.Cart.render 2",
            "shop.Cart.render;shop.Tax.rate 1");

    @Test
    void collapsedStacksHaveOneLinePerStackWithItsSelfSamples() {
        assertThat(CollapsedStacks.format(profile.stacks().root())).isEqualTo("""
                shop.Cart.render 2
                shop.Cart.render;shop.Cart.total 7
                shop.Cart.render;shop.Tax.rate 1
                """);
    }

    @Test
    void collapsedStacksKeepEachLineParseable() {
        FrameNode odd = new FrameNode("all", 1, 0, java.util.List.of(new FrameNode("a;b c\nd", 1, 1, java.util.List.of())));
        assertThat(CollapsedStacks.format(odd)).isEqualTo("a:b_c_d 1\n");
    }

    @Test
    void speedscopeHasSharedFramesAndWeightedSamples() {
        String json = Speedscope.json(profile, profile.stacks().root());
        assertThat(json).startsWith("{\"$schema\":\"https://www.speedscope.app/file-format-schema.json\"")
                .contains("\"frames\":[{\"name\":\"shop.Cart.render\"},{\"name\":\"shop.Cart.total\"},{\"name\":\"shop.Tax.rate\"}]")
                .contains("\"type\":\"sampled\"", "\"unit\":\"none\"", "\"endValue\":10")
                .contains("\"samples\":[[0],[0,1],[0,2]]", "\"weights\":[2,7,1]");
    }

    @Test
    void speedscopeEscapesNamesForJsonAndScriptElements() {
        Profile hostile = Profile.builder(Trees.stacks("x.Y.z 1")).path("/a\"</script><b>").build();
        String json = Speedscope.json(hostile, hostile.stacks().root());
        assertThat(json).doesNotContain("</script>").contains("\\\"\\u003c/script\\u003e\\u003cb\\u003e");
    }

    @Test
    void flameGraphIsSelfContainedAndEscapesEverythingFromTheRequest() {
        Profile hostile = Profile.builder(Trees.stacks("shop.Evil.<script>alert(1)</script> 3"))
                .method("GET").route("/<img src=x onerror=alert(1)>").path("/p?token=secret").build();
        String html = FlameGraph.html(hostile, hostile.stacks().root(), "abcdefghijklmnop0123");

        assertThat(html).doesNotContain("<script>alert", "<img src=x", "token=secret")
                .contains("&lt;img src=x onerror=alert(1)&gt;", "/p?[redacted]",
                        "shop.Evil.\\u003cscript\\u003ealert(1)\\u003c/script\\u003e")
                .contains("script-src 'nonce-abcdefghijklmnop0123'", "<script nonce=\"abcdefghijklmnop0123\">");
        assertThat(html).doesNotContainPattern("(?i)<script[^>]+src=").doesNotContainPattern("(?i)<link[^>]+href=")
                .doesNotContain("@import", "url(");
    }

    @Test
    void topFramesRankSelfSamplesAfterFolding() {
        assertThat(profile.topFrames(2, FrameFilter.defaults())).containsExactly(
                new FrameCount("shop.Cart.total", 7), new FrameCount("shop.Cart.render", 2));
    }
}
