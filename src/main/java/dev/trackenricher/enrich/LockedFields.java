package dev.trackenricher.enrich;

import dev.trackenricher.music.MusicalKey;
import dev.trackenricher.status.FieldLock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fields a person set, laid over a merge (a step of its own after {@link MetadataMerger}, which
 * knows nothing of them): a locked field keeps its value whatever the sources say, with
 * {@code field_sources.<field> = manual}; every source value that differs from it is kept under
 * {@code conflicts.<source>.<field>}; {@code locked_fields.<field>} says when and by whom it was set.
 * A locked key fixes its Camelot and Open Key positions too.
 */
public final class LockedFields {

    /** The provenance of a value a person set. */
    public static final String MANUAL = "manual";

    private LockedFields() {
    }

    /**
     * @param merged    the merger's metadata (not changed)
     * @param foundData for each source that found the track, the fields it returned
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apply(Map<String, Object> merged, Map<String, Map<String, Object>> foundData,
                                            Map<String, FieldLock> locks) {
        if (locks.isEmpty()) {
            return merged;
        }
        Map<String, Object> metadata = new TreeMap<>(merged);
        Map<String, Object> fieldSources = new TreeMap<>(merged.get("field_sources") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
        Map<String, Map<String, Object>> conflicts = new TreeMap<>();
        if (merged.get("conflicts") instanceof Map<?, ?> c) {
            c.forEach((source, fields) -> conflicts.put(source.toString(), new TreeMap<>((Map<String, Object>) fields)));
        }
        Map<String, Object> lockedFields = new TreeMap<>();
        for (FieldLock lock : locks.values()) {
            String field = lock.field();
            // conflicts were judged against the winning source's value; now the person's value is the one to differ from
            conflicts.values().forEach(fields -> fields.remove(field));
            foundData.forEach((source, data) -> {
                Object offered = data.get(field);
                if (offered != null && !MetadataMerger.sameValue(lock.value(), offered)) {
                    conflicts.computeIfAbsent(source, s -> new TreeMap<>()).put(field, offered);
                }
            });
            metadata.put(field, lock.value());
            fieldSources.put(field, MANUAL);
            if (field.equals("key")) {
                MusicalKey.parse(String.valueOf(lock.value())).ifPresent(k -> {
                    metadata.put("camelot_key", k.camelot());
                    metadata.put("open_key", k.openKey());
                    fieldSources.put("camelot_key", MANUAL);
                    fieldSources.put("open_key", MANUAL);
                });
            }
            Map<String, Object> when = new LinkedHashMap<>();
            when.put("set_at", lock.setAt().toString());
            when.put("set_by", lock.setBy());
            lockedFields.put(field, when);
        }
        conflicts.values().removeIf(Map::isEmpty);
        metadata.put("field_sources", fieldSources);
        if (conflicts.isEmpty()) {
            metadata.remove("conflicts");
        } else {
            metadata.put("conflicts", conflicts);
        }
        metadata.put("locked_fields", lockedFields);
        return new LinkedHashMap<>(metadata);
    }
}
