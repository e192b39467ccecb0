package dev.trackenricher.status;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.ReviewCandidate;
import java.util.List;
import java.util.Map;

/**
 * One source's attempt in this run, as stored in enrichment_source_status; a needs_review attempt
 * carries its candidates (for the review queue, not stored here), one a person decided its
 * {@code provenance} ({@value PreviousAttempt#CURATOR}).
 */
public record SourceAttempt(String source, Outcome outcome, String error, Map<String, Object> data, Double confidence,
                            List<ReviewCandidate> candidates, String provenance) {

    public SourceAttempt {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    public SourceAttempt(String source, Outcome outcome, String error, Map<String, Object> data, Double confidence) {
        this(source, outcome, error, data, confidence, List.of(), null);
    }
}
