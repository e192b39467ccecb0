package dev.trackenricher.enrich;

import dev.trackenricher.music.MusicalKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Merges the fields of every source that found the track into one {@code tracks.metadata}:
 * each field from its highest-priority source, with provenance in {@code field_sources}; values
 * that lost to a different value are kept under {@code conflicts.<source>.<field>}; the Camelot and
 * Open Key positions are derived from the winning key.
 */
public final class MetadataMerger {

    private final MergeSettings settings;

    public MetadataMerger(MergeSettings settings) {
        this.settings = settings;
    }

    /** @param foundData for each source that found the track, the fields it returned */
    public Map<String, Object> merge(Map<String, Map<String, Object>> foundData, List<String> enrichmentSources, Instant enrichedAt) {
        Map<String, Object> metadata = new TreeMap<>();
        Map<String, String> fieldSources = new TreeMap<>();
        Map<String, Map<String, Object>> conflicts = new TreeMap<>();

        TreeSet<String> fields = new TreeSet<>();
        foundData.values().forEach(data -> fields.addAll(data.keySet()));
        for (String field : fields) {
            List<String> offering = new ArrayList<>();
            foundData.forEach((source, data) -> {
                if (data.get(field) != null) {
                    offering.add(source);
                }
            });
            if (offering.isEmpty()) {
                continue;
            }
            offering.sort(Comparator.comparingInt((String s) -> settings.rank(field, s)).thenComparing(s -> s));
            String winner = offering.get(0);
            Object value = foundData.get(winner).get(field);
            metadata.put(field, value);
            fieldSources.put(field, winner);
            for (String loser : offering.subList(1, offering.size())) {
                Object other = foundData.get(loser).get(field);
                if (!sameValue(value, other)) {
                    conflicts.computeIfAbsent(loser, s -> new TreeMap<>()).put(field, other);
                }
            }
        }

        Object key = metadata.get("key");
        if (key != null) {
            MusicalKey.parse(key.toString()).ifPresent(k -> {
                metadata.put("camelot_key", k.camelot());
                metadata.put("open_key", k.openKey());
                fieldSources.put("camelot_key", fieldSources.get("key"));
                fieldSources.put("open_key", fieldSources.get("key"));
            });
        }
        metadata.put("field_sources", fieldSources);
        if (!conflicts.isEmpty()) {
            metadata.put("conflicts", conflicts);
        }
        metadata.put("enrichment_sources", List.copyOf(enrichmentSources));
        metadata.put("enriched_at", enrichedAt.toString());
        return new LinkedHashMap<>(metadata);
    }

    static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        return Objects.equals(a, b);
    }
}
