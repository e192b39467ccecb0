package dev.trackenricher.source;

import java.util.Optional;
import java.util.UUID;

/**
 * What a source client is asked: the catalogue row, plus identifiers that other sources found
 * (in this run or kept from an earlier one), which describe-phase sources need.
 */
public record SourceRequest(
        UUID trackId,
        String artistName,
        String title,
        String isrc,
        String spotifyId,
        Integer durationMs,
        String musicbrainzRecordingId,
        String correlationId) {

    public Optional<String> isrcIfKnown() {
        return Optional.ofNullable(isrc).filter(s -> !s.isBlank());
    }

    public Optional<String> spotifyIdIfKnown() {
        return Optional.ofNullable(spotifyId).filter(s -> !s.isBlank());
    }

    public Optional<String> recordingIdIfKnown() {
        return Optional.ofNullable(musicbrainzRecordingId).filter(s -> !s.isBlank());
    }
}
