package dev.trackenricher.source;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What a source is asked about one track: the catalogue row, identifiers that other sources found
 * (in this run or kept from an earlier one), which describe-phase sources need, which optional
 * features of this source are switched off ({@link Hint.FeatureOff}), and the identifiers a person
 * set for the track ({@code curatedIds}, by field name: {@code spotify_id}, {@code musicbrainz_id},
 * {@code discogs_release_id}): a source whose {@link SourceClient#idField() id field} is among them
 * is looked up by that id instead of searched.
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
        Set<String> featuresOff,
        Map<String, String> curatedIds) {

    /** The identifiers a person may set for a track, by field name. */
    public static final Set<String> CURATED_ID_FIELDS = Set.of("isrc", "spotify_id", "musicbrainz_id", "discogs_release_id");

    public SourceRequest {
        featuresOff = featuresOff == null ? Set.of() : Set.copyOf(featuresOff);
        curatedIds = curatedIds == null ? Map.of() : Map.copyOf(curatedIds);
    }

    /** A request without identifiers set by a person. */
    public SourceRequest(UUID trackId, String artistName, String title, String isrc, String spotifyId, Integer durationMs,
                         String musicbrainzRecordingId, String correlationId, Set<String> featuresOff) {
        this(trackId, artistName, title, isrc, spotifyId, durationMs, musicbrainzRecordingId, correlationId, featuresOff, Map.of());
    }

    /** A request with every feature on. */
    public SourceRequest(UUID trackId, String artistName, String title, String isrc, String spotifyId, Integer durationMs,
                         String musicbrainzRecordingId, String correlationId) {
        this(trackId, artistName, title, isrc, spotifyId, durationMs, musicbrainzRecordingId, correlationId, Set.of());
    }

    public SourceRequest withFeaturesOff(Set<String> off) {
        return new SourceRequest(trackId, artistName, title, isrc, spotifyId, durationMs, musicbrainzRecordingId, correlationId, off,
                curatedIds);
    }

    public SourceRequest withCuratedIds(Map<String, String> ids) {
        return new SourceRequest(trackId, artistName, title, isrc, spotifyId, durationMs, musicbrainzRecordingId, correlationId, featuresOff,
                ids);
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

    /** The value a person set for this identifier field, if any. */
    public Optional<String> curatedId(String field) {
        return Optional.ofNullable(curatedIds.get(field)).filter(s -> !s.isBlank());
    }
}
