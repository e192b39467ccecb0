package dev.trackenricher.enrich;

import dev.trackenricher.music.MusicalKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The key from several sources as one value. Every notation a source may give — "F♯m", "F#m",
 * "Gbm", "F♯ minor", Spotify's 6/0 (read by its client), Open Key "4m", Camelot "11A" — is read onto
 * one wheel ({@link MusicalKey#read}); two sources agree when they name the same key (a relative
 * major or minor is another key). The largest group of agreeing sources wins, a tie goes to the
 * highest-priority source's; the merged {@code key} is that source's value as it gave it (its
 * Camelot and Open Key positions are added by the merge).
 */
final class KeyConsensus {

    private record Reading(SourceValue offer, MusicalKey key) {
    }

    /** @param byPriority each source's key, best source first; a value no notation reads is left out */
    Optional<Consensus> decide(List<SourceValue> byPriority) {
        List<Reading> readings = new ArrayList<>();
        for (SourceValue v : byPriority) {
            if (v.value() != null) {
                MusicalKey.read(v.value().toString()).ifPresent(k -> readings.add(new Reading(v, k)));
            }
        }
        if (readings.isEmpty()) {
            return Optional.empty();
        }
        List<List<Reading>> groups = new ArrayList<>();
        for (Reading r : readings) {
            groups.stream().filter(g -> g.get(0).key.equals(r.key)).findFirst()
                    .ifPresentOrElse(g -> g.add(r), () -> groups.add(new ArrayList<>(List.of(r))));
        }
        List<Reading> winners = groups.get(Consensus.largest(groups));
        Reading chosen = winners.get(0);
        String status = Consensus.status(winners.size(), readings.size());
        Map<String, Object> bySource = new LinkedHashMap<>();
        Map<String, Object> conflicts = new LinkedHashMap<>();
        for (Reading r : readings) {
            boolean agrees = winners.contains(r);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("key", r.offer.value());
            entry.put("camelot", r.key.camelot());
            Consensus.agreement(entry, agrees, r.offer);
            bySource.put(r.offer.source(), entry);
            if (Consensus.inConflict(agrees, status)) {
                conflicts.put(r.offer.source(), r.offer.value());
            }
        }
        return Optional.of(Consensus.of(chosen.offer, status, winners.size(), readings.size(), bySource, conflicts));
    }
}
