package dev.trackenricher.track;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A catalogue row with its enrichment status. */
public record Track(
        UUID id,
        String artistName,
        String title,
        String isrc,
        String spotifyId,
        Integer durationMs,
        Map<String, Object> metadata,
        String status,
        Instant createdAt,
        Instant updatedAt) {
}
