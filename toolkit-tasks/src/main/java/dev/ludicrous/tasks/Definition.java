package dev.ludicrous.tasks;

import java.util.Objects;

/** A registered task: its name, argument type, handler and options (already over the defaults). */
record Definition<A>(String name, Class<A> type, TaskHandler<? super A> handler, TaskOptions options) {
    Definition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
    }
}
