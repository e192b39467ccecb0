package dev.trackenricher.enrich;

import java.util.Map;
import java.util.UUID;

/** A claimed track as the enrich job hands it to the fan-out: the catalogue row and its history. */
public record TrackToEnrich(
        UUID trackId,
        UUID claimToken,
        String artistName,
        String title,
        String isrc,
        String spotifyId,
        Integer durationMs,
        int retryCount,
        Map<String, PreviousAttempt> previous) {

    public TrackToEnrich {
        previous = previous == null ? Map.of() : Map.copyOf(previous);
    }
}
