package dev.trackenricher.enrich;

import dev.trackenricher.music.Isrc;
import dev.trackenricher.music.MusicalKey;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Merges the fields of every source that found the track into one {@code tracks.metadata}:
 * each field from its highest-priority source, with provenance in {@code field_sources}; values
 * that lost to a different value are kept under {@code conflicts.<source>.<field>}; the Camelot and
 * Open Key positions are derived from the winning key. Three fields are decided by agreement
 * instead: {@code bpm} ({@link TempoConsensus}: half and double tempo agree) and {@code key}
 * ({@link KeyConsensus}: every notation on one wheel), each with its {@code bpm_confidence} /
 * {@code key_confidence}, and {@code isrc} ({@link IsrcConsensus}: the code most sources offer).
 */
public final class MetadataMerger {

    private final MergeSettings settings;
    private final TempoConsensus tempo;
    private final KeyConsensus key = new KeyConsensus();
    private final IsrcConsensus isrc = new IsrcConsensus();

    public MetadataMerger(MergeSettings settings) {
        this(settings, ConsensusSettings.defaults());
    }

    public MetadataMerger(MergeSettings settings, ConsensusSettings consensus) {
        this.settings = settings;
        this.tempo = new TempoConsensus(consensus);
    }

    /** @param foundData for each source that found the track, the fields it returned */
    public Map<String, Object> merge(Map<String, Map<String, Object>> foundData, List<String> enrichmentSources, Instant enrichedAt) {
        return merge(foundData, Map.of(), enrichmentSources, enrichedAt);
    }

    /**
     * @param foundData   for each source that found the track, the fields it returned
     * @param confidences for each source that found it, how sure its match was (none: not said)
     */
    public Map<String, Object> merge(Map<String, Map<String, Object>> foundData, Map<String, Double> confidences,
                                     List<String> enrichmentSources, Instant enrichedAt) {
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

        agree("bpm", tempo::decide, MetadataMerger::sameValue, foundData, confidences, metadata, fieldSources, conflicts);
        agree("key", this.key::decide, MetadataMerger::sameKey, foundData, confidences, metadata, fieldSources, conflicts);
        agreeOnIsrc(foundData, metadata, fieldSources, conflicts);
        conflicts.values().removeIf(Map::isEmpty);

        Object key = metadata.get("key");
        if (key != null) {
            MusicalKey.read(key.toString()).ifPresent(k -> {
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

    /** The sources offering a field, best first, with their values and match confidences. */
    private List<SourceValue> offers(String field, Map<String, Map<String, Object>> foundData, Map<String, Double> confidences) {
        List<String> offering = new ArrayList<>();
        foundData.forEach((source, data) -> {
            if (data.get(field) != null) {
                offering.add(source);
            }
        });
        offering.sort(Comparator.comparingInt((String s) -> settings.rank(field, s)).thenComparing(s -> s));
        return offering.stream().map(s -> new SourceValue(s, foundData.get(s).get(field), confidences.get(s))).toList();
    }

    /**
     * A field decided by agreement: its value, source and {@code <field>_confidence} as the consensus
     * says. Conflicts are then made again for the field: the consensus's (the dissenters; both sides
     * when no value has a majority) and, as for any field, each value that is not the merged one (for a
     * BPM any other number, even one that agrees at another octave; for a key another key, not
     * another notation of the same one).
     */
    private void agree(String field, Function<List<SourceValue>, Optional<Consensus>> decide, BiPredicate<Object, Object> same,
                       Map<String, Map<String, Object>> foundData, Map<String, Double> confidences, Map<String, Object> metadata,
                       Map<String, String> fieldSources, Map<String, Map<String, Object>> conflicts) {
        List<SourceValue> offers = offers(field, foundData, confidences);
        decide.apply(offers).ifPresent(c -> {
            metadata.put(field, c.value());
            fieldSources.put(field, c.source());
            metadata.put(field + "_confidence", c.confidence());
            conflicts.values().forEach(m -> m.remove(field));
            for (SourceValue o : offers) {
                if (c.conflicts().containsKey(o.source()) || !same.test(c.value(), o.value())) {
                    conflicts.computeIfAbsent(o.source(), x -> new TreeMap<>()).put(field, o.value());
                }
            }
        });
    }

    /** Two keys are the same when they name one position on the wheel, whatever the notation. */
    static boolean sameKey(Object a, Object b) {
        Optional<MusicalKey> x = MusicalKey.read(String.valueOf(a));
        Optional<MusicalKey> y = MusicalKey.read(String.valueOf(b));
        return x.isPresent() && y.isPresent() ? x.equals(y) : sameValue(a, b);
    }

    /**
     * The valid ISRC most sources offer ({@link IsrcConsensus}); the sources whose own {@code isrc}
     * differs (or is not an ISRC) are in conflict, so nothing is lost.
     */
    private void agreeOnIsrc(Map<String, Map<String, Object>> foundData, Map<String, Object> metadata, Map<String, String> fieldSources,
                             Map<String, Map<String, Object>> conflicts) {
        List<SourceValue> offers = offers("isrc", foundData, Map.of());
        Map<String, Object> listed = new LinkedHashMap<>();
        foundData.forEach((source, data) -> {
            if (data.get("isrcs") != null) {
                listed.put(source, data.get("isrcs"));
            }
        });
        Optional<IsrcConsensus.Choice> choice = isrc.decide(offers, listed);
        if (choice.isEmpty() && offers.isEmpty()) {
            return;
        }
        // no valid code at all (an answer stored before sources were validated): no isrc rather than a wrong one
        String merged = choice.map(IsrcConsensus.Choice::isrc).orElse(null);
        if (choice.isPresent()) {
            metadata.put("isrc", merged);
            fieldSources.put("isrc", choice.get().source());
        } else {
            metadata.remove("isrc");
            fieldSources.remove("isrc");
        }
        conflicts.values().forEach(m -> m.remove("isrc"));
        for (SourceValue o : offers) {
            if (merged == null || !merged.equals(Isrc.parse(o.value().toString()).orElse(null))) {
                conflicts.computeIfAbsent(o.source(), x -> new TreeMap<>()).put("isrc", o.value());
            }
        }
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
