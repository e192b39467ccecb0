package dev.trackenricher.source.acousticbrainz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.music.MusicalKey;
import dev.trackenricher.source.HttpAnswer;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceHttp;
import dev.trackenricher.source.SourceHttpFactory;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * AcousticBrainz low-level data by MusicBrainz recording id (a describe-phase source: it runs after
 * MusicBrainz). The public service is frozen; disabled by default, the base URL can name a mirror.
 */
@Component("acousticbrainzClient")
public class AcousticBrainzClient implements SourceClient {

    public static final String NAME = "acousticbrainz";

    private final SourceHttp http;
    private final ObjectMapper json;

    public AcousticBrainzClient(SourceHttpFactory http, ObjectMapper json) {
        this.http = http.forSource(NAME);
        this.json = json;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean credentialsPresent() {
        return true;
    }

    @Override
    public Optional<String> missingPrerequisite(SourceRequest request) {
        return request.recordingIdIfKnown().isPresent() ? Optional.empty()
                : Optional.of("needs a MusicBrainz recording id");
    }

    @Override
    public SourceResult fetch(SourceRequest request) {
        return http.answering(() -> lookup(request));
    }

    private SourceResult lookup(SourceRequest request) {
        String mbid = request.recordingIdIfKnown().orElseThrow();
        HttpAnswer answer = http.get(http.uri("/" + SourceHttp.encodeComponent(mbid) + "/low-level", Map.of()), Map.of());
        if (answer.status() == 404) {
            return SourceResult.notFound(NAME, "no AcousticBrainz data for recording " + mbid);
        }
        Map<String, Object> fields = fields(answer.requireOk().json(json));
        if (fields.isEmpty()) {
            return SourceResult.notFound(NAME, "AcousticBrainz data without tempo or key");
        }
        return SourceResult.found(NAME, fields, 1.0);
    }

    /** rhythm.bpm (a float), tonal.key_key + key_scale ("A", "minor"), tonal.key_strength, of a low-level document. */
    static Map<String, Object> fields(JsonNode lowLevel) {
        Map<String, Object> f = new LinkedHashMap<>();
        JsonFields.decimal(lowLevel.path("rhythm"), "bpm").filter(b -> b > 0).ifPresent(b -> f.put("bpm", Math.round(b * 10) / 10.0));
        JsonNode tonal = lowLevel.path("tonal");
        MusicalKey.fromNameAndScale(JsonFields.text(tonal, "key_key").orElse(null), JsonFields.text(tonal, "key_scale").orElse(null))
                .ifPresent(k -> f.put("key", k.name()));
        JsonFields.decimal(tonal, "key_strength").ifPresent(v -> f.put("key_strength", Math.round(v * 1000) / 1000.0));
        return f;
    }
}
