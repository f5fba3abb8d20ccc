package dev.ludicrous.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameTreeTest {

    @Test
    void samplesWithACommonPrefixShareFrames() {
        FrameTree tree = new FrameTree(100);
        add(tree, "a.A.run", "b.B.work", "c.C.leaf");
        add(tree, "a.A.run", "b.B.work", "c.C.leaf");
        add(tree, "a.A.run", "b.B.work");
        add(tree, "a.A.run", "d.D.other");

        FrameNode root = tree.snapshot();
        assertThat(root.total()).isEqualTo(4);
        FrameNode run = root.children().get(0);
        assertThat(run.name()).isEqualTo("a.A.run");
        assertThat(run.total()).isEqualTo(4);
        assertThat(run.children()).extracting(FrameNode::name).containsExactly("b.B.work", "d.D.other");
        FrameNode work = run.children().get(0);
        assertThat(work.total()).isEqualTo(3);
        assertThat(work.self()).isEqualTo(1);
        assertThat(work.children().get(0).self()).isEqualTo(2);
        assertThat(root.nodeCount()).isEqualTo(5);
    }

    @Test
    void atTheNodeBoundNewFramesAreCountedOnTheDeepestExistingOne() {
        FrameTree tree = new FrameTree(3);
        add(tree, "a.A.run", "b.B.work");
        add(tree, "a.A.run", "c.C.other", "d.D.deeper");

        FrameNode root = tree.snapshot();
        assertThat(root.nodeCount()).isEqualTo(3);
        assertThat(root.total()).isEqualTo(2);
        assertThat(root.children().get(0).self()).isEqualTo(1);
        assertThat(tree.droppedFrames()).isEqualTo(1);
    }

    @Test
    void recursionCountsEachSampleOnceInSamplesIn() {
        FrameTree tree = new FrameTree(100);
        add(tree, "a.A.f", "a.A.f", "a.A.f");
        assertThat(tree.snapshot().samplesIn("a.A.f")).isEqualTo(1);
    }

    static void add(FrameTree tree, String... frames) {
        String[] classes = new String[frames.length];
        String[] methods = new String[frames.length];
        for (int i = 0; i < frames.length; i++) {
            int dot = frames[i].lastIndexOf('.');
            classes[i] = frames[i].substring(0, dot);
            methods[i] = frames[i].substring(dot + 1);
        }
        tree.add(classes, methods, frames.length, 1);
    }
}
