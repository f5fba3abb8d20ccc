package dev.ludicrous.tasks;

import dev.ludicrous.tasks.jackson3.Jackson3Codec;

/** Kept apart so that Jackson 3 classes load only when Jackson 3 is on the class path. */
final class Jackson3Support {
    private Jackson3Support() {
    }

    static Codec codec() {
        return new Jackson3Codec();
    }
}
