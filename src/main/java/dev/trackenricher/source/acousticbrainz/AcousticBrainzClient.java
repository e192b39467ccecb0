package dev.trackenricher.source.acousticbrainz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.music.MusicalKey;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.client.HttpSourceClient;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.StatusMapping;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * AcousticBrainz low-level data by MusicBrainz recording id (a describe-phase source: it runs after
 * MusicBrainz). The public service is frozen; disabled by default, the base URL can name a mirror.
 */
@Component
public class AcousticBrainzClient extends HttpSourceClient {

    public static final String NAME = "acousticbrainz";
    /** No data for a recording is a 404. */
    private static final StatusMapping LOW_LEVEL = StatusMapping.standard().missing(404);

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
