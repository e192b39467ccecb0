package dev.trackenricher.enrich;

import dev.trackenricher.music.Isrc;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.status.FieldLock;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.status.PreviousAttempt;
import dev.trackenricher.status.TrackToEnrich;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One track's enrichment in flight, shared by every branch of its fan-out (an exchange property).
 * Branches record their results here as they finish; once sealed, late results (a branch that
 * outlived the fan-out timeout) are ignored, so what was written is what was decided.
 */
public final class EnrichmentContext {

    public static final String PROPERTY = "enrichment";

    private final TrackToEnrich track;
    private final Set<String> plan;
    private final String correlationId;
    private final Instant startedAt;
    /** monotonic, for the deadlines of the waits inside the fan-out (the clock may be a test's) */
    private final long startedNanos = System.nanoTime();
    private final Map<String, SourceResult> results = new ConcurrentHashMap<>();
    private final List<String> branchErrors = new CopyOnWriteArrayList<>();
    private volatile boolean sealed;

    public EnrichmentContext(TrackToEnrich track, Set<String> plan, String correlationId, Instant startedAt) {
        this.track = track;
        this.plan = Set.copyOf(plan);
        this.correlationId = correlationId;
        this.startedAt = startedAt;
    }

    public TrackToEnrich track() {
        return track;
    }

    public Set<String> plan() {
        return plan;
    }

    public boolean asks(String source) {
        return plan.contains(source);
    }

    public String correlationId() {
        return correlationId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** {@link System#nanoTime()} when the fan-out began. */
    public long startedNanos() {
        return startedNanos;
    }

    /** Whether the fan-out has concluded: results arriving now are ignored. */
    public boolean isSealed() {
        return sealed;
    }

    /** Records a branch's result; false when the context was already sealed or the source not planned. */
    public boolean record(SourceResult result) {
        if (sealed || !plan.contains(result.source())) {
            return false;
        }
        results.putIfAbsent(result.source(), result);
        return true;
    }

    /** Stops accepting results and returns this run's results in plan order. */
    public Map<String, SourceResult> seal() {
        sealed = true;
        Map<String, SourceResult> ordered = new LinkedHashMap<>();
        for (String source : plan) {
            SourceResult r = results.get(source);
            if (r != null) {
                ordered.put(source, r);
            }
        }
        return Collections.unmodifiableMap(ordered);
    }

    /** A branch threw instead of returning a result (it should not; kept for the error text). */
    public void noteBranchError(String error) {
        branchErrors.add(error);
    }

    public List<String> branchErrors() {
        return List.copyOf(branchErrors);
    }

    public Optional<SourceResult> result(String source) {
        return Optional.ofNullable(results.get(source));
    }

    /** A field a source found, in this run or kept from an earlier one. */
    public Optional<Object> foundField(String source, String field) {
        SourceResult now = results.get(source);
        if (now != null) {
            return now.outcome() == Outcome.FOUND ? Optional.ofNullable(now.fields().get(field)) : Optional.empty();
        }
        PreviousAttempt before = track.previous().get(source);
        if (before != null && before.outcome() == Outcome.FOUND) {
            return Optional.ofNullable(before.data().get(field));
        }
        return Optional.empty();
    }

    /**
     * The request for one source, with the identifiers a person set (they come first) and those other
     * sources have found so far. A source is never handed its own earlier answer's id: when it is
     * asked again (a correction made it due), that answer is what is in doubt.
     */
    public SourceRequest requestFor(String source) {
        Map<String, String> curated = curatedIds();
        String recordingId = curated.containsKey("musicbrainz_id") ? curated.get("musicbrainz_id")
                : source.equals("musicbrainz") ? null : foundField("musicbrainz", "musicbrainz_id").map(Object::toString).orElse(null);
        String spotifyId = curated.containsKey("spotify_id") ? curated.get("spotify_id")
                : track.spotifyId() != null ? track.spotifyId()
                : source.equals("spotify") ? null : foundField("spotify", "spotify_id").map(Object::toString).orElse(null);
        // the catalogue validates ISRCs on the way in; a row written past it is not sent to an API with a malformed one
        String isrc = curated.containsKey("isrc") ? curated.get("isrc") : Isrc.parse(track.isrc()).orElse(null);
        return new SourceRequest(track.trackId(), track.artistName(), track.title(), isrc, spotifyId,
                track.durationMs(), recordingId, correlationId).withCuratedIds(curated);
    }

    /** The identifiers a person set for the track ({@link SourceRequest#CURATED_ID_FIELDS}), by field. */
    private Map<String, String> curatedIds() {
        Map<String, String> ids = new LinkedHashMap<>();
        for (FieldLock lock : track.locks().values()) {
            if (SourceRequest.CURATED_ID_FIELDS.contains(lock.field()) && lock.value() != null) {
                ids.put(lock.field(), lock.value().toString());
            }
        }
        return ids;
    }
}
