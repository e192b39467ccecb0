package dev.trackenricher.source;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a source is asked about one track: the catalogue row, identifiers that other sources found
 * (in this run or kept from an earlier one), which describe-phase sources need, and which optional
 * features of this source are switched off ({@link Hint.FeatureOff}).
 */
public record SourceRequest(
        UUID trackId,
        String artistName,
        String title,
        String isrc,
        String spotifyId,
        Integer durationMs,
        String musicbrainzRecordingId,
        String correlationId,
        Set<String> featuresOff) {

    public SourceRequest {
        featuresOff = featuresOff == null ? Set.of() : Set.copyOf(featuresOff);
    }

    /** A request with every feature on. */
    public SourceRequest(UUID trackId, String artistName, String title, String isrc, String spotifyId, Integer durationMs,
                         String musicbrainzRecordingId, String correlationId) {
        this(trackId, artistName, title, isrc, spotifyId, durationMs, musicbrainzRecordingId, correlationId, Set.of());
    }

    public SourceRequest withFeaturesOff(Set<String> off) {
        return new SourceRequest(trackId, artistName, title, isrc, spotifyId, durationMs, musicbrainzRecordingId, correlationId, off);
    }

    public boolean featureOff(String feature) {
        return featuresOff.contains(feature);
    }

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
