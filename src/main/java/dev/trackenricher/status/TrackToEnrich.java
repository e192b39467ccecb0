package dev.trackenricher.status;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A claimed track as the enrich job hands it to the fan-out: the catalogue row and its history.
 * {@code onlySources}, when not empty, limits this run to those sources (set by reprocess --source);
 * {@code locks} are the fields a person set, by field name.
 */
public record TrackToEnrich(
        UUID trackId,
        UUID claimToken,
        String artistName,
        String title,
        String isrc,
        String spotifyId,
        Integer durationMs,
        int retryCount,
        Map<String, PreviousAttempt> previous,
        Set<String> onlySources,
        Map<String, FieldLock> locks) {

    public TrackToEnrich {
        previous = previous == null ? Map.of() : Map.copyOf(previous);
        onlySources = onlySources == null ? Set.of() : Set.copyOf(onlySources);
        locks = locks == null ? Map.of() : Map.copyOf(locks);
    }

    /** A track without fields a person set. */
    public TrackToEnrich(UUID trackId, UUID claimToken, String artistName, String title, String isrc, String spotifyId,
                         Integer durationMs, int retryCount, Map<String, PreviousAttempt> previous, Set<String> onlySources) {
        this(trackId, claimToken, artistName, title, isrc, spotifyId, durationMs, retryCount, previous, onlySources, Map.of());
    }

    /** A track whose run may ask every source. */
    public TrackToEnrich(UUID trackId, UUID claimToken, String artistName, String title, String isrc, String spotifyId,
                         Integer durationMs, int retryCount, Map<String, PreviousAttempt> previous) {
        this(trackId, claimToken, artistName, title, isrc, spotifyId, durationMs, retryCount, previous, Set.of());
    }
}
