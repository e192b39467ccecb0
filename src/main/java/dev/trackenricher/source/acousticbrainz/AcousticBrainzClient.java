package dev.trackenricher.source.acousticbrainz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.music.MusicalKey;
import dev.trackenricher.source.Hint;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.client.HttpSourceClient;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.StatusMapping;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * AcousticBrainz low-level data by MusicBrainz recording id (a describe-phase source: it runs after
 * MusicBrainz). The public service is frozen; disabled by default, the base URL can name a mirror.
 *
 * <p>Several tracks are asked in one bulk request ({@code GET /low-level?recording_ids=a;b;…}, up
 * to {@value #MAX_BULK}), answered by recording id; an id the answer leaves out has no data
 * (not_found). A mirror without the bulk endpoint (a 404 for it) is asked one recording at a time,
 * and the bulk lookup is switched off for the source ({@value #BULK_FEATURE}, shown in /health).
 */
@Component
public class AcousticBrainzClient extends HttpSourceClient {

    public static final String NAME = "acousticbrainz";
    /** No data for a recording is a 404. */
    private static final StatusMapping LOW_LEVEL = StatusMapping.standard().missing(404);
    /** The API's bound on ids per bulk request (more is a 400). */
    static final int MAX_BULK = 25;
    /** The optional feature a mirror may lack. */
    public static final String BULK_FEATURE = "bulk-lookup";
    /** No bulk endpoint at this base URL: a 404 (the API itself answers an empty object when it knows none of the ids). */
    private static final StatusMapping BULK = StatusMapping.standard().missing(404);

    public AcousticBrainzClient(HttpSources sources) {
        super(NAME, sources);
    }

    @Override
    public Set<String> runsAfter() {
        return Set.of("musicbrainz");
    }

    @Override
    public Optional<String> missingPrerequisite(SourceRequest request) {
        return request.recordingIdIfKnown().isPresent() ? Optional.empty()
                : Optional.of("needs a MusicBrainz recording id");
    }

    @Override
    protected SourceResult lookup(SourceRequest request, Calls calls) {
        String mbid = request.recordingIdIfKnown().orElseThrow();
        Optional<JsonNode> lowLevel = calls.json(uri("/" + segment(mbid) + "/low-level", Map.of()), Map.of(), LOW_LEVEL);
        if (lowLevel.isEmpty()) {
            return notFound("no AcousticBrainz data for recording " + mbid);
        }
        Map<String, Object> fields = fields(lowLevel.get());
        if (fields.isEmpty()) {
            return notFound("AcousticBrainz data without tempo or key");
        }
        return found(fields, 1.0);
    }

    @Override
    public int maxBatch() {
        return MAX_BULK;
    }

    @Override
    public boolean joinsBatch(SourceRequest request) {
        return !request.featureOff(BULK_FEATURE);
    }

    /**
     * One bulk request for the batch's recordings (a batch of one asks the single endpoint, whose
     * answer is kept per recording). Each recording's first submission ({@code "0"}) answers its
     * tracks; one missing from the answer has no data.
     */
    @Override
    protected Map<UUID, SourceResult> lookupBatch(List<SourceRequest> requests, Calls calls) {
        Map<UUID, SourceResult> out = new LinkedHashMap<>();
        Set<String> ids = new LinkedHashSet<>();
        requests.forEach(r -> ids.add(r.recordingIdIfKnown().orElseThrow().toLowerCase(Locale.ROOT)));
        if (ids.size() == 1 || requests.stream().anyMatch(r -> r.featureOff(BULK_FEATURE))) {
            requests.forEach(r -> out.put(r.trackId(), alone(r, calls, List.of())));
            return out;
        }
        URI bulk = uri("/low-level", Map.of("recording_ids", String.join(";", ids)));
        Optional<JsonNode> answer = calls.json(bulk, Map.of(), BULK);
        if (answer.isEmpty()) {
            List<Hint> off = List.of(Hint.featureOff(BULK_FEATURE, "the bulk low-level lookup answered 404 at " + bulk.getHost()
                    + ": asking one recording at a time"));
            requests.forEach(r -> out.put(r.trackId(), alone(r, calls, off)));
            return out;
        }
        if (!answer.get().isObject()) {
            throw new SourceFailureException("acousticbrainz: the bulk answer is not an object keyed by recording id");
        }
        for (SourceRequest r : requests) {
            String mbid = r.recordingIdIfKnown().orElseThrow();
            JsonNode submissions = answer.get().path(mbid.toLowerCase(Locale.ROOT));
            out.put(r.trackId(), submissions.isMissingNode() || submissions.isNull() ? notFound("no AcousticBrainz data for recording " + mbid)
                    : ofSubmissions(mbid, submissions));
        }
        return out;
    }

    private SourceResult alone(SourceRequest r, Calls calls, List<Hint> hints) {
        SourceResult result;
        try {
            result = lookup(r, calls);
        } catch (RuntimeException e) {
            result = SourceResult.failed(NAME, e);
        }
        for (Hint h : hints) {
            result = result.with(h);
        }
        return result;
    }

    /** A recording's entry in a bulk answer: its submissions by number; the first one answers. */
    private SourceResult ofSubmissions(String mbid, JsonNode submissions) {
        JsonNode first = submissions.path("0");
        if (!first.isObject()) {
            // one bad entry fails its own track, not the batch
            return SourceResult.of(NAME, Outcome.FAILED, "acousticbrainz: the bulk answer for recording " + mbid + " holds no document \"0\"");
        }
        Map<String, Object> fields = fields(first);
        return fields.isEmpty() ? notFound("AcousticBrainz data without tempo or key") : found(fields, 1.0);
    }

    /** rhythm.bpm (a float), tonal.key_key + key_scale ("A", "minor"), tonal.key_strength, of a low-level document. */
    static Map<String, Object> fields(JsonNode lowLevel) {
        Map<String, Object> f = new LinkedHashMap<>();
        bpm(lowLevel.path("rhythm"), "bpm").ifPresent(b -> f.put("bpm", b));
        JsonNode tonal = lowLevel.path("tonal");
        MusicalKey.fromNameAndScale(JsonFields.text(tonal, "key_key").orElse(null), JsonFields.text(tonal, "key_scale").orElse(null))
                .ifPresent(k -> f.put("key", k.name()));
        JsonFields.decimal(tonal, "key_strength").ifPresent(v -> f.put("key_strength", Math.round(v * 1000) / 1000.0));
        return f;
    }
}
