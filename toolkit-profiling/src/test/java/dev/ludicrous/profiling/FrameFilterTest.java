package dev.ludicrous.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrameFilterTest {

    @Test
    void containerAndJdkFramesAreFoldedAwayKeepingWhereTheAppEnteredTheJdk() {
        FrameNode root = Trees.of(
                "java.lang.Thread.run;org.eclipse.jetty.util.thread.QueuedThreadPool.runJob;dev.ludicrous.profiling.web.ProfilingFilter.doFilter;shop.Cart.render;shop.Cart.total 5",
                "java.lang.Thread.run;org.eclipse.jetty.util.thread.QueuedThreadPool.runJob;shop.Cart.render;java.lang.String.format;java.util.Formatter.format 3");

        FrameNode folded = FrameFilter.defaults().fold(root);

        assertThat(CollapsedStacks.format(folded)).isEqualTo("""
                shop.Cart.render;java.lang.String.format 3
                shop.Cart.render;shop.Cart.total 5
                """);
        assertThat(folded.total()).isEqualTo(root.total());
    }

    @Test
    void aStackOfOnlyHiddenFramesKeepsItsInnermostFrame() {
        FrameNode folded = FrameFilter.defaults().fold(Trees.of(
                "java.lang.Thread.run;org.eclipse.jetty.io.SelectorManager.select 2"));
        assertThat(CollapsedStacks.format(folded)).isEqualTo("org.eclipse.jetty.io.SelectorManager.select 2\n");
    }

    @Test
    void noneKeepsEveryFrameButNormalisesLambdaAddresses() {
        FrameNode root = Trees.of(
                "java.lang.Thread.run;shop.Jobs$$Lambda$17/0x00007f9fd00077f8.run;shop.Jobs.lambda$start$0 4",
                "java.lang.Thread.run;shop.Jobs$$Lambda/0x00007f9fd0001234.run;shop.Jobs.lambda$start$0 1");
        assertThat(CollapsedStacks.format(FrameFilter.none().fold(root)))
                .isEqualTo("java.lang.Thread.run;shop.Jobs$$Lambda.run;shop.Jobs.lambda$start$0 5\n");
    }

    @Test
    void extraPrefixesHideMoreFrames() {
        FrameFilter filter = FrameFilter.defaults().alsoHiding(List.of("org.springframework."));
        FrameNode folded = filter.fold(Trees.of(
                "org.springframework.web.servlet.DispatcherServlet.doDispatch;shop.Cart.render 2"));
        assertThat(CollapsedStacks.format(folded)).isEqualTo("shop.Cart.render 2\n");
        assertThat(filter.hides("org.springframework.Foo.bar")).isTrue();
        assertThat(filter.hides("[truncated]")).isFalse();
    }
}
