package dev.ludicrous.tasks.http;

import dev.ludicrous.tasks.PermanentTaskFailure;

/** The callback's target (or a redirect's) resolves to an address the guard refuses; not retried. */
public final class RefusedAddressException extends PermanentTaskFailure {
    private static final long serialVersionUID = 1L;

    RefusedAddressException(String message) {
        super(message);
    }
}
