package dev.ludicrous.profiling.web;

import jakarta.servlet.ServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code Server-Timing} entries that Ludicrous modules and the application share in one
 * response header.
 *
 * <p>Any code serving a request may add an entry by appending a {@code String} in header syntax
 * ({@code db;dur=12.5;desc="3 queries"}) to the {@code java.util.List<String>} stored in the
 * request attribute {@value #ATTRIBUTE} (creating an {@code ArrayList} when the attribute is
 * absent). Only JDK types are involved, so a module adds its entries without depending on this
 * one. {@link ProfilingFilter} writes them, after its own {@code app}, {@code cpu} and
 * {@code prof} entries, when it writes the header: only when Server-Timing is switched on or the
 * request carried the trigger secret. Entries that are not a valid metric are dropped.
 */
public final class ServerTiming {
    /** The request attribute holding the {@code List<String>} of entries: {@value}. */
    public static final String ATTRIBUTE = "dev.ludicrous.server-timing";

    private static final Pattern ENTRY = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+(;[^\\p{Cntrl}]*)?");

    private ServerTiming() {
    }

    /**
     * Appends an entry to the request's shared list.
     *
     * @param request the request being served
     * @param entry one metric, such as {@code cache;dur=0.4;desc="hit"}
     * @throws IllegalArgumentException when {@code entry} is not a metric name with optional parameters
     */
    public static void add(ServletRequest request, String entry) {
        if (!isValid(entry)) {
            throw new IllegalArgumentException("entry must be a metric name with optional ;parameters, but was " + entry);
        }
        entries(request, true).add(entry);
    }

    /**
     * Returns the entries added to the request so far, valid ones only.
     *
     * @param request the request being served
     * @return a copy, empty when none was added
     */
    public static List<String> entries(ServletRequest request) {
        List<String> entries = entries(request, false);
        if (entries == null) {
            return List.of();
        }
        List<String> valid = new ArrayList<>(entries.size());
        for (Object entry : entries) {
            if (entry instanceof String text && isValid(text)) {
                valid.add(text);
            }
        }
        return valid;
    }

    static boolean isValid(String entry) {
        return entry != null && entry.length() <= 512 && ENTRY.matcher(entry).matches();
    }

    @SuppressWarnings("unchecked")
    private static List<String> entries(ServletRequest request, boolean create) {
        Object value = request.getAttribute(ATTRIBUTE);
        if (value instanceof List<?> list) {
            return (List<String>) list;
        }
        if (!create) {
            return null;
        }
        List<String> list = new ArrayList<>(4);
        request.setAttribute(ATTRIBUTE, list);
        return list;
    }

    /** Formats a duration in milliseconds with one decimal, as {@code dur} wants it. */
    static String millis(long nanos) {
        long tenths = Math.max(0, (nanos + 50_000) / 100_000);
        return (tenths / 10) + "." + (tenths % 10);
    }
}
