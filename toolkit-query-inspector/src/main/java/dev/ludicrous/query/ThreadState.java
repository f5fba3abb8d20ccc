package dev.ludicrous.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one thread is recording: its open scopes, the parameters set on the statement it is
 * preparing, and its latest statements whose result sets may still be read. Touched only by
 * its own thread, so nothing here is synchronized.
 */
final class ThreadState {
    private static final int TRACKED_STATEMENTS = 8;
    private static final int MAX_PARAMETER_TEXT = 200;

    private QueryScope[] scopes = new QueryScope[4];
    private int depth;

    private Object parameterOwner;
    private Object[] parameters = new Object[16];
    private int parameterCount;

    private Object batchOwner;
    private int batchCount;

    private final Object[] trackedKeys = new Object[TRACKED_STATEMENTS];
    private final Entry[] trackedEntries = new Entry[TRACKED_STATEMENTS];
    private int trackedNext;

    // ---- scopes

    void push(QueryScope scope) {
        if (depth == scopes.length) {
            scopes = Arrays.copyOf(scopes, depth * 2);
        }
        scopes[depth++] = scope;
    }

    void remove(QueryScope scope) {
        for (int i = depth - 1; i >= 0; i--) {
            if (scopes[i] == scope) {
                System.arraycopy(scopes, i + 1, scopes, i, depth - i - 1);
                scopes[--depth] = null;
                return;
            }
        }
    }

    boolean hasScopes() {
        return depth > 0;
    }

    void addToScopes(Entry entry) {
        for (int i = 0; i < depth; i++) {
            scopes[i].add(entry);
        }
    }

    // ---- parameters of the statement being prepared

    void setParameter(Object owner, int index, Object value) {
        if (owner != parameterOwner) {
            parameterOwner = owner;
            Arrays.fill(parameters, 0, parameterCount, null);
            parameterCount = 0;
        }
        if (index < 1 || index > 65_535) {
            return;
        }
        if (index > parameters.length) {
            parameters = Arrays.copyOf(parameters, Math.max(index, parameters.length * 2));
        }
        parameters[index - 1] = value;
        parameterCount = Math.max(parameterCount, index);
    }

    boolean hasParametersOf(Object owner) {
        return owner == parameterOwner && parameterCount > 0;
    }

    /** A 64-bit hash of the current values: equal values give equal keys. */
    long parameterKey() {
        long key = 1_125_899_906_842_597L;
        for (int i = 0; i < parameterCount; i++) {
            key = 31 * key + valueHash(parameters[i]);
        }
        return key == 0 ? 1 : key;
    }

    Object[] parameterValues() {
        return Arrays.copyOf(parameters, parameterCount);
    }

    List<String> renderParameters() {
        List<String> rendered = new ArrayList<>(parameterCount);
        for (int i = 0; i < parameterCount; i++) {
            rendered.add(render(parameters[i]));
        }
        return rendered;
    }

    private static long valueHash(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof byte[] bytes) {
            return Arrays.hashCode(bytes);
        }
        if (value instanceof Object[] array) {
            return Arrays.deepHashCode(array);
        }
        // Mix the class in so that 1 (Integer) and "1" differ; spread to 64 bits.
        return (long) value.hashCode() * 0x9E3779B97F4A7C15L ^ value.getClass().hashCode();
    }

    private static String render(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof byte[] bytes) {
            return "<" + bytes.length + " bytes>";
        }
        String text = value instanceof CharSequence ? "'" + value + "'" : String.valueOf(value);
        return text.length() > MAX_PARAMETER_TEXT ? text.substring(0, MAX_PARAMETER_TEXT) + "..." : text;
    }

    // ---- batches

    void addBatch(Object owner) {
        if (owner != batchOwner) {
            batchOwner = owner;
            batchCount = 0;
        }
        batchCount++;
    }

    int takeBatchCount(Object owner) {
        int count = owner == batchOwner ? batchCount : 0;
        batchOwner = null;
        batchCount = 0;
        return count;
    }

    // ---- statements whose rows are still being read

    void track(Object statement, Entry entry) {
        // A reused statement keeps one slot: its rows belong to its latest execution.
        for (int i = 0; i < TRACKED_STATEMENTS; i++) {
            if (trackedKeys[i] == statement) {
                trackedEntries[i] = entry;
                return;
            }
        }
        trackedKeys[trackedNext] = statement;
        trackedEntries[trackedNext] = entry;
        trackedNext = (trackedNext + 1) % TRACKED_STATEMENTS;
    }

    Entry tracked(Object statement) {
        for (int i = 0; i < TRACKED_STATEMENTS; i++) {
            if (trackedKeys[i] == statement) {
                return trackedEntries[i];
            }
        }
        return null;
    }

    void clearTracked() {
        Arrays.fill(trackedKeys, null);
        Arrays.fill(trackedEntries, null);
        parameterOwner = null;
        batchOwner = null;
        Arrays.fill(parameters, 0, parameterCount, null);
        parameterCount = 0;
    }
}
