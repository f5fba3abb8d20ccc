package dev.ludicrous.cache;

import java.util.TreeSet;

/** The rules for namespace lists; sorted and without duplicates so equal sets compare equal. */
final class Namespaces {
    static final int MAX_COUNT = 64;
    static final int MAX_LENGTH = 512;

    private Namespaces() {
    }

    static String[] check(String... namespaces) {
        if (namespaces == null || namespaces.length == 0) {
            throw new IllegalArgumentException("namespaces must name at least one namespace, but none was given");
        }
        if (namespaces.length > MAX_COUNT) {
            throw new IllegalArgumentException("namespaces must be at most " + MAX_COUNT + ", but were "
                    + namespaces.length);
        }
        if (namespaces.length == 1) {
            // The usual bump and view: nothing to sort or merge.
            return new String[] {checkOne(namespaces[0])};
        }
        TreeSet<String> sorted = new TreeSet<>();
        for (String namespace : namespaces) {
            sorted.add(checkOne(namespace));
        }
        return sorted.toArray(String[]::new);
    }

    static String checkOne(String namespace) {
        if (namespace == null || namespace.isBlank() || namespace.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a namespace must be a non-blank string of at most " + MAX_LENGTH
                    + " characters, but was " + (namespace == null ? "null" : "'" + namespace + "'"));
        }
        return namespace;
    }
}
