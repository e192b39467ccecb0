package dev.trackenricher.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** GET /enrich/status/{trackId}. */
public record TrackStatusView(
        UUID trackId,
        TrackStatus status,
        int sourcesEnriched,
        List<String> sourcesUsed,
        boolean isRetriable,
        int retryCount,
        Instant lastAttempt,
        String errorMessage,
        Instant nextAttemptAt,
        Map<String, SourceStatusView> sources) {
}
