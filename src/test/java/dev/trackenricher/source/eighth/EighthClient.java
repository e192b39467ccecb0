package dev.trackenricher.source.eighth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.credentials.Credentials;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.match.Candidate;
import dev.trackenricher.match.Match;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.client.HttpSourceClient;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.StatusMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * An eighth source that exists only for a test: added the way any source is, with this package and
 * its block in the configuration (src/test/resources/application-eighth-source.yml), nothing else.
 * Its API: {@code GET /tracks?artist=…&title=…&api_key=…} → {@code {"tracks": [{artist, title,
 * label, album, mood}]}}; 401 refuses the key.
 */
@Component
@Profile("eighth-source")
public class EighthClient extends HttpSourceClient {

    public static final String NAME = "eighth";
    private static final StatusMapping TRACKS = StatusMapping.standard().refusing(401, "the eighth source refused the key");

    public EighthClient(HttpSources sources) {
        super(NAME, sources);
    }

    @Override
    public List<String> credentialNames() {
        return List.of(Credentials.API_KEY);
    }

    @Override
    protected SourceResult lookup(SourceRequest request, Calls calls) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("artist", request.artistName());
        query.put("title", request.title());
        query.put("api_key", credentials().apiKey());
        JsonNode answer = calls.json(uri("/tracks", query), Map.of(), TRACKS).orElseThrow();
        List<Candidate<JsonNode>> hits = new ArrayList<>();
        for (JsonNode t : JsonFields.array(answer, "tracks")) {
            hits.add(new Candidate<>(t, JsonFields.text(t, "artist").map(List::of).orElse(List.of()), JsonFields.text(t, "title").orElse(""),
                    null));
        }
        Optional<Match<JsonNode>> match = bestIgnoringDuration(request, hits);
        if (match.isEmpty()) {
            return notFound("the eighth source knows no such track");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String field : List.of("label", "album", "mood")) {
            JsonFields.text(match.get().item(), field).ifPresent(v -> fields.put(field, v));
        }
        return found(fields, match.get().confidence());
    }
}
