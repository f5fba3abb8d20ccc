package dev.ludicrous.cache;

/** The rule for codec identifiers, which are stored in one length byte plus ASCII. */
final class CodecIds {
    static final int MAX_LENGTH = 255;

    private CodecIds() {
    }

    static String check(String id) {
        if (id == null || id.isBlank() || id.length() > MAX_LENGTH || !id.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException("codec id must be 1 to " + MAX_LENGTH
                    + " printable ASCII characters without spaces, but was " + (id == null ? "null" : "'" + id + "'"));
        }
        return id;
    }
}
