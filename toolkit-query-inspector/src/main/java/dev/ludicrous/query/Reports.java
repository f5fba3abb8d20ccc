package dev.ludicrous.query;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Number and list formatting shared by the report texts. */
final class Reports {
    private Reports() {
    }

    static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1_000_000.0);
    }

    static void join(StringBuilder out, List<?> items) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(items.get(i));
        }
    }
}
