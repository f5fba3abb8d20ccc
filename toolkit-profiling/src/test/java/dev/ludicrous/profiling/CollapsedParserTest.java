package dev.ludicrous.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludicrous.profiling.internal.CollapsedParser;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CollapsedParserTest {

    @Test
    void collapsedStacksReadBackIntoTheSameTree() {
        FrameNode tree = Trees.of("a.A.f;b.B.g 3", "a.A.f 2", "a.A.f;c.C.h;d.D.k 5");
        assertThat(CollapsedParser.parse(CollapsedStacks.format(tree), 100, UnaryOperator.identity())).isEqualTo(tree);
    }

    @Test
    void malformedLinesAreSkippedAndNamesMapped() {
        FrameNode tree = CollapsedParser.parse("com/shop/Cart.total 4\nno-count\nx;y notanumber\n", 100,
                frame -> frame.replace('/', '.'));
        assertThat(CollapsedStacks.format(tree)).isEqualTo("com.shop.Cart.total 4\n");
    }

    @Test
    void theNodeBoundHolds() {
        FrameNode tree = CollapsedParser.parse("a;b;c 1\na;d;e 1\n", 3, UnaryOperator.identity());
        assertThat(tree.nodeCount()).isEqualTo(3);
        assertThat(tree.total()).isEqualTo(2);
    }
}
