package dev.trackenricher.status;

import dev.trackenricher.source.Outcome;
import java.time.Instant;
import java.util.Map;

/** What a source answered for a track the last time it was asked (a row of enrichment_source_status). */
public record PreviousAttempt(
        String source, Outcome outcome, int attempts, Instant lastAttempt, String error, Map<String, Object> data, Double confidence) {

    public PreviousAttempt {
        data = data == null ? Map.of() : data;
    }
}
