package dev.trackenricher.source.getsongbpm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.credentials.Credentials;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.match.Candidate;
import dev.trackenricher.match.Match;
import dev.trackenricher.match.MatchDecision;
import dev.trackenricher.match.TitleVersion;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.music.MusicalKey;
import dev.trackenricher.source.Hint;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.client.HttpSourceClient;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.HttpAnswer;
import dev.trackenricher.source.http.StatusMapping;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * GetSongBPM search ({@code lookup=song:… artist:…}, the only syntax it accepts). Tempo, key,
 * time signature. With no hit, {@code search} has been seen as an object ({@code {"error":"no result"}})
 * instead of an array: that is not_found, not an error.
 */
@Component
public class GetSongBpmClient extends HttpSourceClient {

    public static final String NAME = "getsongbpm";
    /** Past 3,000 requests an hour GetSongBPM blocks the key for an hour (its documented limit). */
    static final Duration KEY_BLOCK = Duration.ofHours(1);
    /** A 429 is the key's hourly block: the source pauses for it (asking meanwhile only fails again). */
    private static final StatusMapping SEARCH = StatusMapping.standard().refusing(401, 403, "GetSongBPM refused the API key")
            .pausing(429, GetSongBpmClient::keyBlocked);
    /** A song id it does not know is a 404. */
    private static final StatusMapping SONG = SEARCH.missing(404);

    public GetSongBpmClient(HttpSources sources) {
        super(NAME, sources);
    }

    @Override
    public List<String> credentialNames() {
        return List.of(Credentials.API_KEY);
    }

    @Override
    protected SourceResult lookup(SourceRequest request, Calls calls) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("type", "both");
        query.put("lookup", lookup(request.artistName(), request.title()));
        query.put("api_key", credentials().apiKey());
        Optional<List<JsonNode>> songs = songs(calls.json(uri("/search/", query), Map.of(), SEARCH).orElseThrow());
        if (songs.isEmpty()) {
            return notFound("GetSongBPM: no result");
        }
        List<Candidate<JsonNode>> candidates = new ArrayList<>();
        for (JsonNode song : songs.get()) {
            candidates.add(new Candidate<>(song, JsonFields.text(song.path("artist"), "name").map(List::of).orElse(List.of()),
                    JsonFields.text(song, "title").orElse(""), null));
        }
        // GetSongBPM gives no duration: title and artist decide
        MatchDecision<JsonNode> decision = decideIgnoringDuration(request, candidates);
        if (decision instanceof MatchDecision.Undecided<JsonNode> undecided) {
            return needsReview(undecided, song -> song.path("id").asText());
        }
        Optional<Match<JsonNode>> match = decision.taken();
        if (match.isEmpty()) {
            return notFound("no song matched");
        }
        Map<String, Object> fields = fields(match.get().item());
        if (!fields.containsKey("bpm") && !fields.containsKey("key")) {
            return notFound("GetSongBPM knows the song but gives no tempo or key");
        }
        return found(fields, match.get().confidence());
    }

    /** A 429: the key is blocked, for its Retry-After if the answer names one, else the documented hour. */
    static Optional<Hint.PauseUntil> keyBlocked(HttpAnswer answer) {
        Duration wait = answer.retryAfter().filter(d -> !d.isZero()).orElse(KEY_BLOCK);
        return Optional.of(new Hint.PauseUntil(Instant.now().plus(wait), "GetSongBPM blocked the key (HTTP 429"
                + (answer.retryAfter().isPresent() ? ", Retry-After: " + wait.toSeconds() + " s" : ": blocked for an hour past 3,000 requests/hour")
                + ")"));
    }

    /** The song by its GetSongBPM id ({@code /song/?id=…}, answered as {@code {"song": {…}}}); no song there: not_found. */
    @Override
    protected Optional<SourceResult> findById(String id, SourceRequest request, Calls calls) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("id", id.trim());
        query.put("api_key", credentials().apiKey());
        JsonNode song = calls.json(uri("/song/", query), Map.of(), SONG).map(body -> body.path("song")).orElse(null);
        if (song == null || !song.isObject() || !song.hasNonNull("id")) {
            return Optional.of(notFound("GetSongBPM has no song " + id));
        }
        Map<String, Object> fields = fields(song);
        if (!fields.containsKey("bpm") && !fields.containsKey("key")) {
            return Optional.of(notFound("GetSongBPM knows the song but gives no tempo or key"));
        }
        return Optional.of(found(fields, 1.0));
    }

    /** {@code song:<title> artist:<artist>}: the search syntax GetSongBPM requires (a bare string is HTTP 400). */
    static String lookup(String artist, String title) {
        return "song:" + TitleVersion.searchable(title) + " artist:" + TrackMatcher.searchableArtist(artist);
    }

    /** The songs of a search answer; empty when {@code search} is the no-result object (or missing). */
    static Optional<List<JsonNode>> songs(JsonNode body) {
        JsonNode search = body.path("search");
        if (!search.isArray() || search.isEmpty()) {
            return Optional.empty();
        }
        List<JsonNode> out = new ArrayList<>();
        search.forEach(s -> {
            if (s.isObject()) {
                out.add(s);
            }
        });
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    /** tempo (string or number) → bpm, key_of ("Em", "F♯m", "B♭") → key (else open_key "2m"), time_sig. */
    static Map<String, Object> fields(JsonNode song) {
        Map<String, Object> f = new LinkedHashMap<>();
        JsonFields.text(song, "id").ifPresent(v -> f.put("getsongbpm_id", v));
        bpm(song, "tempo").ifPresent(t -> f.put("bpm", t));
        JsonFields.text(song, "key_of").flatMap(MusicalKey::parse)
                .or(() -> JsonFields.text(song, "open_key").flatMap(MusicalKey::fromOpenKey))
                .ifPresent(k -> f.put("key", k.name()));
        JsonFields.text(song, "time_sig").ifPresent(v -> f.put("time_signature", v));
        JsonFields.integer(song, "danceability").ifPresent(v -> f.put("danceability_score", v));
        JsonFields.integer(song, "acousticness").ifPresent(v -> f.put("acousticness_score", v));
        return f;
    }
}
