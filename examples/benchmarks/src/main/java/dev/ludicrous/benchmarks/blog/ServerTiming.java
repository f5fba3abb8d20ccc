package dev.ludicrous.benchmarks.blog;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the blog's filters put in {@code Server-Timing}: the query inspector's
 * {@code db;dur=1.2;desc="3 queries"} and the profiler's {@code app}/{@code cpu}/{@code prof}
 * entries. Several header fields may be present; each may hold several comma-separated entries.
 */
final class ServerTiming {
    private static final Pattern DB = Pattern.compile("(?:^|,)\\s*db\\s*;[^,]*?desc=\"(\\d+) quer(?:y|ies)\"");
    private static final Pattern PROFILED = Pattern.compile("(?:^|,)\\s*prof\\s*;");

    private ServerTiming() {
    }

    /** The number of queries the request ran, or empty when no {@code db} entry is present. */
    static OptionalInt queries(List<String> fields) {
        for (String field : fields) {
            Matcher m = DB.matcher(field);
            if (m.find()) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    /** Whether the profiler recorded a profile of this request (it links it in a {@code prof} entry). */
    static boolean profiled(List<String> fields) {
        for (String field : fields) {
            if (PROFILED.matcher(field).find()) {
                return true;
            }
        }
        return false;
    }
}
