package dev.ludicrous.query;

/** A statement's fingerprint and kind, computed once per distinct SQL string. */
record SqlShape(String fingerprint, StatementKind kind) {
}
