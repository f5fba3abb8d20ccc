package dev.ludicrous.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProfileIdTest {
    @Test
    void profileWithoutAnIdGetsARandomOne() {
        Profile first = Profile.builder(Trees.stacks("a.B.c 1")).build();
        Profile second = Profile.builder(Trees.stacks("a.B.c 1")).build();

        assertThat(first.id()).matches("[0-9a-f]{20}");
        assertThat(second.id()).matches("[0-9a-f]{20}").isNotEqualTo(first.id());
    }

    @Test
    void announcedIdIsKept() {
        assertThat(Profile.builder(Trees.stacks("a.B.c 1")).id("5f1c0e9a7d2b4c6e8a10").build().id())
                .isEqualTo("5f1c0e9a7d2b4c6e8a10");
        assertThat(Profile.builder(Trees.stacks("a.B.c 1")).id("z".repeat(64)).build().id()).hasSize(64);
    }

    @Test
    void idOutsideLowercaseLettersAndDigitsIsRefused() {
        for (String bad : new String[] {"", "ABC", "a-b", "../x", "é", "a".repeat(65)}) {
            assertThatThrownBy(() -> Profile.builder(Trees.stacks("a.B.c 1")).id(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("id must be 1 to 64 lowercase letters and digits, but was " + bad);
        }
        assertThatThrownBy(() -> Profile.builder(Trees.stacks("a.B.c 1")).id(null))
                .hasMessage("id must be 1 to 64 lowercase letters and digits, but was null");
    }
}
