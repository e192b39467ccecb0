package dev.trackenricher.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything the writer persists for one track after one run. */
public record EnrichmentResult(
        UUID trackId,
        UUID claimToken,
        String correlationId,
        StatusDecision decision,
        Map<String, Object> metadata,
        List<SourceAttempt> attempts,
        Instant attemptedAt,
        long durationMs) {
}
