package dev.ludicrous.tasks;

import dev.ludicrous.tasks.jackson.JacksonCodec;

/** Kept apart so that Jackson classes load only when Jackson is on the class path. */
final class JacksonSupport {
    private JacksonSupport() {
    }

    static Codec codec() {
        return new JacksonCodec();
    }
}
