package dev.trackenricher.status;

import java.time.Instant;
import java.util.List;

/** The enrichment_status row that one attempt leads to. */
public record StatusDecision(
        TrackStatus status,
        int sourcesEnriched,
        List<String> sourcesUsed,
        boolean retriable,
        int retryCount,
        String errorMessage,
        Instant nextAttemptAt) {
}
