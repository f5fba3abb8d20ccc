package dev.ludicrous.query;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a fault inside the inspector once, with its stack trace, and later ones only at debug
 * level: an inspector bug must neither fail the application nor flood its log.
 */
final class FaultLog {
    private static final Logger LOG = LoggerFactory.getLogger(QueryInspector.class);
    private final AtomicBoolean logged = new AtomicBoolean();

    void fault(String what, Throwable error) {
        if (logged.compareAndSet(false, true)) {
            LOG.warn("Query inspector: {} failed; the application's statement or request is unaffected."
                    + " Further faults are logged at debug level.", what, error);
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("Query inspector: {} failed", what, error);
        }
    }
}
