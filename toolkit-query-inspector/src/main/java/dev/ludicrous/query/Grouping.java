package dev.ludicrous.query;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the identical and similar groups among a scope's statements. */
final class Grouping {
    private Grouping() {
    }

    private record Variant(String sql, long parameterKey) {
    }

    private static final class Accumulator {
        final Entry first;
        int count;
        long nanos;
        final Set<CallSite> callSites = new LinkedHashSet<>();
        final Set<String> attributions = new LinkedHashSet<>();
        final Set<Variant> variants = new LinkedHashSet<>();

        Accumulator(Entry first) {
            this.first = first;
        }

        void add(Entry entry) {
            count++;
            nanos += entry.nanos;
            if (entry.callSite != null) {
                callSites.add(entry.callSite);
            }
            if (entry.attribution != null) {
                attributions.add(entry.attribution);
            }
            variants.add(new Variant(entry.sql, entry.parameterKey));
        }

        StatementGroup toGroup(boolean identical) {
            return new StatementGroup(first.shape.fingerprint(), first.kind(), identical, count,
                    Duration.ofNanos(nanos), List.copyOf(callSites), List.copyOf(attributions));
        }
    }

    /** Returns the repeated groups, most frequent first: similar groups, then identical ones. */
    static List<StatementGroup> groups(List<Entry> entries) {
        Map<String, Accumulator> byShape = new LinkedHashMap<>();
        Map<Variant, Accumulator> byVariant = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (entry.batchSize > 1) {
                continue; // a batch is one round trip on purpose, not a repeat
            }
            byShape.computeIfAbsent(entry.shape.fingerprint(), key -> new Accumulator(entry)).add(entry);
            byVariant.computeIfAbsent(new Variant(entry.sql, entry.parameterKey), key -> new Accumulator(entry)).add(entry);
        }
        List<StatementGroup> groups = new ArrayList<>();
        for (Accumulator shape : byShape.values()) {
            if (shape.count > 1 && shape.variants.size() > 1) {
                groups.add(shape.toGroup(false));
            }
        }
        for (Accumulator variant : byVariant.values()) {
            if (variant.count > 1) {
                groups.add(variant.toGroup(true));
            }
        }
        groups.sort(Comparator.comparing(StatementGroup::identical)
                .thenComparing(Comparator.comparingInt(StatementGroup::count).reversed()));
        return groups;
    }
}
