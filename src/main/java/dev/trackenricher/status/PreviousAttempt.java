package dev.trackenricher.status;

import dev.trackenricher.source.Outcome;
import java.time.Instant;
import java.util.Map;

/**
 * What a source answered for a track the last time it was asked (a row of enrichment_source_status):
 * with {@code provenance} {@value #CURATOR} when a person decided it (accepted a review candidate:
 * found; rejected them all: not_found), and {@code askAgain} when a correction made the source due
 * again for this track.
 */
public record PreviousAttempt(
        String source, Outcome outcome, int attempts, Instant lastAttempt, String error, Map<String, Object> data, Double confidence,
        String provenance, boolean askAgain) {

    /** The provenance of an outcome a person decided. */
    public static final String CURATOR = "curator";

    public PreviousAttempt {
        data = data == null ? Map.of() : data;
    }

    /** An attempt the source's own answer decided. */
    public PreviousAttempt(String source, Outcome outcome, int attempts, Instant lastAttempt, String error, Map<String, Object> data,
                           Double confidence) {
        this(source, outcome, attempts, lastAttempt, error, data, confidence, null, false);
    }

    /** A person decided this outcome (kept until a reset, never overwritten by an enrich run that was not asked to). */
    public boolean decidedByCurator() {
        return CURATOR.equals(provenance);
    }
}
