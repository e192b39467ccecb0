package dev.trackenricher.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One metadata source: the whole of what a source implements (see the package description).
 *
 * <p>{@link #fetch} answers found / not_found, or throws: {@link SourceFailureException} for a
 * failure (counts toward the breaker; {@link SourceConfigurationException} also stops the source),
 * {@link SourceRateLimitedException} for "too many requests" (does not count). What the answer says
 * about asking again is given back as {@link Hint hints} on the result or the exception, never
 * acted on by the source.
 *
 * <p>A source that can answer several tracks in one request says how many in {@link #maxBatch()}
 * and overrides {@link #fetchBatch}; the default asks for each track on its own.
 */
public interface SourceClient {

    /** The source's name: its config block ({@code enricher.sources.<name>}), its branch route, its column value. */
    String name();

    /**
     * The credentials this source needs to be asked at all, by their names in
     * {@code dev.trackenricher.credentials.Credentials} ({@code client_id}, {@code client_secret},
     * {@code token}, {@code api_key}); {@code PUT /sources/{name}/credentials} may set them. Without
     * all of them the source is skipped. None for a source without a key.
     */
    default List<String> credentialNames() {
        return List.of();
    }

    /**
     * The sources whose answers this one needs, so its branch runs after theirs end (AcousticBrainz
     * after MusicBrainz, for the recording id). A source not asked in a run does not hold it back.
     */
    default Set<String> runsAfter() {
        return Set.of();
    }

    /** Why this track can't be asked yet (e.g. a describe-phase source lacking an id), if so: the attempt is skipped. */
    default Optional<String> missingPrerequisite(SourceRequest request) {
        return Optional.empty();
    }

    /** Asks the source about one track. */
    SourceResult fetch(SourceRequest request);

    /**
     * The merged field that holds this source's own id for a track ({@code spotify_id},
     * {@code musicbrainz_id}, {@code discogs_release_id}), if it has one: a value a person set there
     * is what the source is asked by ({@link #lookupById}), and correcting it makes the source due
     * again for that track.
     */
    default Optional<String> idField() {
        return Optional.empty();
    }

    /**
     * The source's full data for one of its own ids (a review candidate's, or one a person set):
     * found with confidence 1.0, or not_found when the source has no such id; throws like
     * {@link #fetch}. {@code context} is the track it is for. Empty when the source cannot be asked
     * by id at all.
     */
    default Optional<SourceResult> lookupById(String id, SourceRequest context) {
        return Optional.empty();
    }

    /** How many tracks one {@link #fetchBatch} request may carry at most; 1 when the API has no batch form. */
    default int maxBatch() {
        return 1;
    }

    /**
     * Whether this track is answered better in a batch than on its own (MusicBrainz: a track with an
     * ISRC, which one search for many ISRCs can identify; a track without one is searched alone
     * anyway). Tracks that join a batch may wait a moment for others to join; the others are asked
     * at once. By default every track of a source with a batch form ({@link #maxBatch()} above 1).
     */
    default boolean joinsBatch(SourceRequest request) {
        return maxBatch() > 1;
    }

    /**
     * Asks the source about several tracks (at most {@link #maxBatch()} per API request), answering
     * every one by its track id. Never throws: a failure is the failed (or rate_limited) result, with
     * its hints, of each track it concerns, so one bad request fails its tracks for this source only.
     * The default asks for each track on its own.
     */
    default Map<UUID, SourceResult> fetchBatch(List<SourceRequest> requests) {
        Map<UUID, SourceResult> out = new LinkedHashMap<>();
        for (SourceRequest request : requests) {
            SourceResult result;
            try {
                result = fetch(request);
            } catch (RuntimeException e) {
                result = SourceResult.failed(name(), e);
            }
            out.put(request.trackId(), result);
        }
        return out;
    }
}
