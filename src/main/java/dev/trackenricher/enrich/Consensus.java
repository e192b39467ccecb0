package dev.trackenricher.enrich;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sources of one field (BPM, key) concluded together: the value, its source, how sure
 * ({@code <field>_confidence}), and which sources' values are in conflict.
 *
 * @param value      the merged value
 * @param source     the source whose value it is
 * @param confidence the {@code <field>_confidence} object: {@code status} (single, agreed, majority,
 *                   disputed), {@code agreeing} and {@code sources} counts, {@code by_source} with each
 *                   source's value, whether it agrees, and its match confidence
 * @param conflicts  the values in conflict, by source: the dissenters' when most sources agree (the
 *                   majority's value is the merged one), every source's when no value has a majority
 *                   (both sides of the dispute); none when all agree
 */
record Consensus(Object value, String source, Map<String, Object> confidence, Map<String, Object> conflicts) {

    static final String SINGLE = "single";
    static final String AGREED = "agreed";
    static final String MAJORITY = "majority";
    static final String DISPUTED = "disputed";

    /** The status of a winning group of {@code agreeing} among {@code sources}. */
    static String status(int agreeing, int sources) {
        if (sources == 1) {
            return SINGLE;
        }
        if (agreeing == sources) {
            return AGREED;
        }
        return agreeing * 2 > sources ? MAJORITY : DISPUTED;
    }

    /** Who goes under conflicts: those outside the winning group; everyone when no group has a majority. */
    static boolean inConflict(boolean inWinningGroup, String status) {
        return status.equals(DISPUTED) || (!inWinningGroup && status.equals(MAJORITY));
    }

    /** A source's {@code by_source} entry, after its value: whether it agrees, and how sure its match was. */
    static void agreement(Map<String, Object> entry, boolean agrees, SourceValue offer) {
        entry.put("agrees", agrees);
        if (offer.matchConfidence() != null) {
            // absent: the source was asked by an identifier, not chosen from search hits
            entry.put("match_confidence", offer.matchConfidence());
        }
    }

    /** The conclusion, {@code chosen}'s value, with its {@code <field>_confidence} object. */
    static Consensus of(SourceValue chosen, String status, int agreeing, int sources, Map<String, Object> bySource,
                        Map<String, Object> conflicts) {
        Map<String, Object> confidence = new LinkedHashMap<>();
        confidence.put("status", status);
        confidence.put("agreeing", agreeing);
        confidence.put("sources", sources);
        confidence.put("by_source", bySource);
        return new Consensus(chosen.value(), chosen.source(), confidence, conflicts);
    }

    static <T> int largest(List<List<T>> groups) {
        int best = 0;
        for (int i = 1; i < groups.size(); i++) {
            if (groups.get(i).size() > groups.get(best).size()) {
                best = i;
            }
        }
        return best;
    }
}
