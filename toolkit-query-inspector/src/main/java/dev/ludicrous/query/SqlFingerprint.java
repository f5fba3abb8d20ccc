package dev.ludicrous.query;

import java.util.Locale;

/**
 * Folds a SQL string to the shape that identifies "the same query with other values", in one pass.
 *
 * <p>String and numeric literals and JDBC ({@code ?}) or PostgreSQL ({@code $1}) placeholders
 * become {@code ?}; a parenthesised list of nothing but placeholders becomes {@code (?...)}, so
 * {@code IN} lists of any length share one shape; repeated {@code VALUES} rows fold into one;
 * comments go; runs of white space become one space. Quoted identifiers are kept as written.
 * Each character is visited once, plus once more for each closing parenthesis it sits inside, so
 * a 50 000-item {@code IN} list costs a linear scan.
 */
final class SqlFingerprint {
    /** Fingerprints longer than this are cut, with the full length and a hash to keep them apart. */
    static final int MAX_LENGTH = 4_096;
    private static final String LIST = "(?...)";

    private SqlFingerprint() {
    }

    static SqlShape shape(String sql) {
        String fingerprint = fingerprint(sql);
        return new SqlShape(fingerprint, kind(fingerprint));
    }

    static String fingerprint(String sql) {
        int length = sql.length();
        StringBuilder out = new StringBuilder(Math.min(length, 1 << 16));
        int[] open = new int[16];
        int depth = 0;
        int i = 0;
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                while (i < length && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
                space(out);
            } else if (c == '-' && i + 1 < length && sql.charAt(i + 1) == '-') {
                while (i < length && sql.charAt(i) != '\n') {
                    i++;
                }
                space(out);
            } else if (c == '/' && i + 1 < length && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
                space(out);
            } else if (c == '\'') {
                i = skipQuoted(sql, i, '\'');
                out.append('?');
            } else if (c == '"' || c == '`') {
                int end = skipQuoted(sql, i, c);
                out.append(sql, i, end);
                i = end;
            } else if (c == '?' ) {
                out.append('?');
                i++;
            } else if (c == '$' && i + 1 < length && Character.isDigit(sql.charAt(i + 1)) && !identifierBefore(out)) {
                i++;
                while (i < length && Character.isDigit(sql.charAt(i))) {
                    i++;
                }
                out.append('?');
            } else if (Character.isDigit(c) && !identifierBefore(out)) {
                i = skipNumber(sql, i);
                out.append('?');
            } else if (c == '(') {
                if (depth == open.length) {
                    open = java.util.Arrays.copyOf(open, depth * 2);
                }
                open[depth++] = out.length();
                out.append('(');
                i++;
            } else if (c == ')') {
                trimSpace(out);
                out.append(')');
                if (depth > 0) {
                    foldList(out, open[--depth]);
                }
                i++;
            } else if (c == ',') {
                trimSpace(out);
                out.append(", ");
                i++;
                while (i < length && Character.isWhitespace(sql.charAt(i))) {
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        trimSpace(out);
        if (out.length() > MAX_LENGTH) {
            String full = out.toString();
            return full.substring(0, MAX_LENGTH) + "... [" + full.length() + " chars, #"
                    + Integer.toHexString(full.hashCode()) + "]";
        }
        return out.toString();
    }

    /** Folds the parenthesised group starting at {@code start} when it holds only placeholders. */
    private static void foldList(StringBuilder out, int start) {
        int end = out.length() - 1; // the ')'
        if (end - start < 2 || !onlyPlaceholders(out, start + 1, end)) {
            return;
        }
        out.setLength(start);
        // A VALUES row that repeats the row before it adds nothing to the shape.
        if (endsWith(out, LIST + ", ")) {
            out.setLength(out.length() - 2);
            return;
        }
        out.append(LIST);
    }

    private static boolean onlyPlaceholders(StringBuilder out, int from, int to) {
        if (out.indexOf(LIST, from) == from && from + LIST.length() == to) {
            return true; // already folded, e.g. ((?...))
        }
        boolean expectItem = true;
        for (int i = from; i < to; i++) {
            char c = out.charAt(i);
            if (c == ' ') {
                continue;
            }
            if (expectItem && c == '?') {
                expectItem = false;
            } else if (!expectItem && c == ',') {
                expectItem = true;
            } else {
                return false;
            }
        }
        return !expectItem;
    }

    private static boolean endsWith(StringBuilder out, String suffix) {
        int from = out.length() - suffix.length();
        return from >= 0 && out.indexOf(suffix, from) == from;
    }

    private static int skipQuoted(String sql, int start, char quote) {
        int i = start + 1;
        int length = sql.length();
        while (i < length) {
            char c = sql.charAt(i);
            if (c == quote) {
                if (i + 1 < length && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled quote inside the literal
                    continue;
                }
                return i + 1;
            }
            if (c == '\\' && quote == '\'' && i + 1 < length) {
                i += 2;
                continue;
            }
            i++;
        }
        return length;
    }

    private static int skipNumber(String sql, int start) {
        int i = start;
        int length = sql.length();
        if (sql.startsWith("0x", i) || sql.startsWith("0X", i)) {
            i += 2;
            while (i < length && Character.digit(sql.charAt(i), 16) >= 0) {
                i++;
            }
            return i;
        }
        while (i < length) {
            char c = sql.charAt(i);
            if (Character.isDigit(c) || c == '.') {
                i++;
            } else if ((c == 'e' || c == 'E') && i + 1 < length
                    && (Character.isDigit(sql.charAt(i + 1)) || sql.charAt(i + 1) == '-' || sql.charAt(i + 1) == '+')) {
                i += 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** True when the last character written belongs to an identifier, as in {@code t1} or {@code col_2}. */
    private static boolean identifierBefore(StringBuilder out) {
        if (out.length() == 0) {
            return false;
        }
        char last = out.charAt(out.length() - 1);
        return Character.isLetterOrDigit(last) || last == '_' || last == '$' || last == '.' && out.length() > 1
                && Character.isLetterOrDigit(out.charAt(out.length() - 2));
    }

    private static void space(StringBuilder out) {
        int n = out.length();
        if (n > 0 && out.charAt(n - 1) != ' ' && out.charAt(n - 1) != '(') {
            out.append(' ');
        }
    }

    private static void trimSpace(StringBuilder out) {
        int n = out.length();
        if (n > 0 && out.charAt(n - 1) == ' ') {
            out.setLength(n - 1);
        }
    }

    /** Reads the kind from a fingerprint: comments and literals are gone, so words are keywords or names. */
    static StatementKind kind(String fingerprint) {
        WordScanner words = new WordScanner(fingerprint);
        String first = words.next();
        if (first == null) {
            return StatementKind.OTHER;
        }
        switch (first) {
            case "select":
                return selectFromWrite(words);
            case "insert", "merge", "upsert", "replace":
                return StatementKind.INSERT;
            case "update":
                return StatementKind.UPDATE;
            case "delete":
                return StatementKind.DELETE;
            case "with":
                return mainStatementOfWith(words);
            default:
                return StatementKind.OTHER;
        }
    }

    /** H2 reads rows back from a write with {@code SELECT ... FROM FINAL|NEW|OLD TABLE (INSERT ...)}. */
    private static StatementKind selectFromWrite(WordScanner words) {
        String previous = "";
        for (String word = words.next(); word != null; word = words.next()) {
            if (word.equals("table") && (previous.equals("final") || previous.equals("new") || previous.equals("old"))) {
                String write = words.next();
                StatementKind kind = write == null ? StatementKind.SELECT : kind(write);
                return kind == StatementKind.OTHER ? StatementKind.SELECT : kind;
            }
            previous = word;
        }
        return StatementKind.SELECT;
    }

    private static StatementKind mainStatementOfWith(WordScanner words) {
        for (String word = words.nextAtDepthZero(); word != null; word = words.nextAtDepthZero()) {
            switch (word) {
                case "select":
                    return StatementKind.SELECT;
                case "insert", "merge":
                    return StatementKind.INSERT;
                case "update":
                    return StatementKind.UPDATE;
                case "delete":
                    return StatementKind.DELETE;
                default:
                    break;
            }
        }
        return StatementKind.OTHER;
    }

    /** Yields lower-cased words, skipping quoted identifiers and punctuation. */
    private static final class WordScanner {
        private final String text;
        private int position;
        private int depth;

        WordScanner(String text) {
            this.text = text;
        }

        String next() {
            int length = text.length();
            while (position < length) {
                char c = text.charAt(position);
                if (Character.isLetter(c) || c == '_') {
                    int start = position;
                    while (position < length && (Character.isLetterOrDigit(text.charAt(position))
                            || text.charAt(position) == '_')) {
                        position++;
                    }
                    return text.substring(start, position).toLowerCase(Locale.ROOT);
                }
                if (c == '"' || c == '`') {
                    int end = text.indexOf(c, position + 1);
                    position = end < 0 ? length : end + 1;
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                position++;
            }
            return null;
        }

        String nextAtDepthZero() {
            for (String word = next(); word != null; word = next()) {
                if (depth == 0) {
                    return word;
                }
            }
            return null;
        }
    }
}
