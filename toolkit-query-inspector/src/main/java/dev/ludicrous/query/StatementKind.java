package dev.ludicrous.query;

/**
 * What a statement does, read from its SQL (not from the JDBC method that ran it).
 *
 * <p>A statement that reads rows back from a write is classified by the write: PostgreSQL's
 * {@code INSERT ... RETURNING} and H2's {@code SELECT ... FROM FINAL TABLE (INSERT ...)} are
 * {@link #INSERT}s. {@code MERGE} and {@code UPSERT} count as inserts. A {@code WITH} statement is
 * classified by its main statement.
 */
public enum StatementKind {
    /** A query: {@code SELECT}, or {@code WITH ... SELECT}. */
    SELECT,
    /** {@code INSERT}, {@code MERGE} or {@code UPSERT}. */
    INSERT,
    /** {@code UPDATE}. */
    UPDATE,
    /** {@code DELETE}. */
    DELETE,
    /** Anything else: DDL, {@code CALL}, {@code SET}, transaction control. */
    OTHER;

    /** Returns the name in lower case, as used in logs and meter tags ({@code select}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
