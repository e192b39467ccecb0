package dev.trackenricher.enrich;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BPM from several sources as one value. Tempo detectors read a track at half or double its tempo
 * as often as not, so 87, 174 and 86.9 are one tempo: two values agree when they are within the
 * tolerance of each other, as given or with one of them doubled or halved. Sources are grouped by
 * agreement (in priority order, each joining the first group whose first value it agrees with);
 * the largest group wins, a tie goes to the group of the highest-priority source. Within it the
 * octave most of its sources give wins (a tie: the highest-priority source's), and the merged
 * {@code bpm} is the highest-priority source's value at that octave, as that source gave it. So
 * 87 (GetSongBPM), 174 (AcousticBrainz), 86.9 (Spotify) give 87, three agreeing; 120 and 128 give
 * the priority source's 120, disputed, both under {@code conflicts}. The rule for which octave wins
 * is the majority's, not a tempo range: a range (say 80–160) would turn a real 170 BPM drum and
 * bass track into 85, while the sources' own majority keeps whatever they mostly measured.
 */
final class TempoConsensus {

    private final ConsensusSettings settings;

    TempoConsensus(ConsensusSettings settings) {
        this.settings = settings;
    }

    private record Reading(SourceValue offer, double bpm) {
    }

    /** @param byPriority each source's BPM, best source first; values that are not positive numbers are left out */
    Optional<Consensus> decide(List<SourceValue> byPriority) {
        List<Reading> readings = new ArrayList<>();
        for (SourceValue v : byPriority) {
            if (v.value() instanceof Number n && Double.isFinite(n.doubleValue()) && n.doubleValue() > 0) {
                readings.add(new Reading(v, n.doubleValue()));
            }
        }
        if (readings.isEmpty()) {
            return Optional.empty();
        }
        List<List<Reading>> groups = new ArrayList<>();
        for (Reading r : readings) {
            groups.stream().filter(g -> factor(g.get(0).bpm, r.bpm) != 0).findFirst()
                    .ifPresentOrElse(g -> g.add(r), () -> groups.add(new ArrayList<>(List.of(r))));
        }
        List<Reading> winners = groups.get(Consensus.largest(groups));
        double reference = winners.get(0).bpm;
        // the octave (as a factor to the group's first value) most of the group gives; ties to the earlier (higher priority)
        Map<Double, Integer> octaves = new LinkedHashMap<>();
        winners.forEach(r -> octaves.merge(factor(reference, r.bpm), 1, Integer::sum));
        double octave = octaves.entrySet().stream().reduce((a, b) -> b.getValue() > a.getValue() ? b : a).orElseThrow().getKey();
        Reading chosen = winners.stream().filter(r -> factor(reference, r.bpm) == octave).findFirst().orElseThrow();

        String status = Consensus.status(winners.size(), readings.size());
        Map<String, Object> bySource = new LinkedHashMap<>();
        Map<String, Object> conflicts = new LinkedHashMap<>();
        for (Reading r : readings) {
            boolean agrees = winners.contains(r);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("bpm", r.offer.value());
            double f = agrees ? factor(chosen.bpm, r.bpm) : 0;
            if (agrees && f != 1) {
                // the same tempo read at another octave: what it is at the merged one
                entry.put("read_as", Math.round(r.bpm * f * 10) / 10.0);
            }
            Consensus.agreement(entry, agrees, r.offer);
            bySource.put(r.offer.source(), entry);
            if (Consensus.inConflict(agrees, status)) {
                conflicts.put(r.offer.source(), r.offer.value());
            }
        }
        return Optional.of(Consensus.of(chosen.offer, status, winners.size(), readings.size(), bySource, conflicts));
    }

    /**
     * The factor that brings {@code other} onto {@code reference}'s tempo (1, ½ or 2) when they
     * agree, else 0.
     */
    double factor(double reference, double other) {
        if (close(reference, other)) {
            return 1;
        }
        if (settings.foldOctaves()) {
            if (close(reference, other / 2)) {
                return 0.5;
            }
            if (close(reference, other * 2)) {
                return 2;
            }
        }
        return 0;
    }

    private boolean close(double a, double b) {
        return Math.abs(a - b) <= settings.tempoTolerance() * Math.max(a, b);
    }
}
