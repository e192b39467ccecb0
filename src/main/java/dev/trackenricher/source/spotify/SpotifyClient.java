package dev.trackenricher.source.spotify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.credentials.Credentials;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.match.Candidate;
import dev.trackenricher.match.Match;
import dev.trackenricher.match.MatchDecision;
import dev.trackenricher.match.TitleVersion;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.music.Isrc;
import dev.trackenricher.music.MusicalKey;
import dev.trackenricher.source.Hint;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.client.HttpSourceClient;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.HttpAnswer;
import dev.trackenricher.source.http.StatusMapping;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Spotify Web API: the track by its Spotify id, else by ISRC search, else by a field-filtered text
 * search whose hits are matched. Audio features only when enabled; a 403 there (closed to new apps
 * since 2024-11-27) switches them off until the source is reset, without failing Spotify.
 */
@Component
public class SpotifyClient extends HttpSourceClient {

    public static final String NAME = "spotify";
    public static final String AUDIO_FEATURES = "audio_features";
    /** Development-mode apps get HTTP 400 "Invalid limit" above this since 2026. */
    static final int MAX_SEARCH_LIMIT = 10;
    /** What Spotify's 429 body says when a Development-Mode app spent its quota (not just the rolling 30 s window). */
    static final String QUOTA_EXCEEDED = "QUOTA_EXCEEDED";
    private static final Logger log = LoggerFactory.getLogger(SpotifyClient.class);

    private final SpotifyOptions options;
    private final SpotifyTokens tokens;
    /** A search answer: a 429 that says the quota is spent pauses Spotify until its Retry-After. */
    private final StatusMapping search;
    /** A track id Spotify has no track for is a 404, or a 400 when it cannot read the id. */
    private final StatusMapping track;

    public SpotifyClient(HttpSources sources, Clock clock) {
        super(NAME, sources);
        this.options = options(SpotifyOptions.class);
        this.search = StatusMapping.standard().pausing(429, this::quotaExceeded);
        this.track = search.missing(404, 400);
        this.tokens = new SpotifyTokens(settings().tokenUrl(), this::credentials, this::request, this::sendUnlimited, json(), clock);
    }

    @Override
    public List<String> credentialNames() {
        return List.of(Credentials.CLIENT_ID, Credentials.CLIENT_SECRET);
    }

    @Override
    protected SourceResult lookup(SourceRequest request, Calls calls) {
        Optional<JsonNode> track = Optional.empty();
        Double confidence = null;
        if (request.spotifyIdIfKnown().isPresent()) {
            track = byId(request.spotifyIdIfKnown().get(), calls);
            confidence = 1.0;
        }
        if (track.isEmpty() && request.isrcIfKnown().isPresent()) {
            // an ISRC names one recording, yet one answer can hold its album version and a "Radio Mix", a karaoke-branded
            // copy, compilations: the hit of the catalogue's version (names are not compared: the ISRC says whose it is)
            Optional<Match<JsonNode>> byIsrc = decideByIdentifier(request, candidates(items(search("isrc:" + request.isrcIfKnown().get(), calls))))
                    .taken();
            track = byIsrc.map(Match::item);
            confidence = byIsrc.map(Match::confidence).orElse(null);
        }
        if (track.isEmpty()) {
            String q = "track:" + quoted(TitleVersion.searchable(request.title())) + " artist:"
                    + quoted(TrackMatcher.searchableArtist(request.artistName()));
            MatchDecision<JsonNode> decision = decide(request, candidates(items(search(q, calls))));
            if (decision instanceof MatchDecision.Undecided<JsonNode> undecided) {
                return needsReview(undecided, t -> t.path("id").asText());
            }
            Optional<Match<JsonNode>> match = decision.taken();
            track = match.map(Match::item);
            confidence = match.map(Match::confidence).orElse(null);
        }
        if (track.isEmpty()) {
            return notFound("no matching track");
        }
        Map<String, Object> fields = fields(track.get());
        if (options.audioFeatures() && !request.featureOff(AUDIO_FEATURES)) {
            return audioFeatures(track.get().path("id").asText(), fields, confidence, calls);
        }
        return found(fields, confidence);
    }

    @Override
    public Optional<String> idField() {
        return Optional.of("spotify_id");
    }

    /** The track by its Spotify id (with its audio features when enabled). */
    @Override
    protected Optional<SourceResult> findById(String id, SourceRequest request, Calls calls) {
        Optional<JsonNode> track = byId(id, calls);
        if (track.isEmpty()) {
            return Optional.of(notFound("Spotify has no track " + id));
        }
        Map<String, Object> fields = fields(track.get());
        if (options.audioFeatures() && !request.featureOff(AUDIO_FEATURES)) {
            return Optional.of(audioFeatures(track.get().path("id").asText(), fields, 1.0, calls));
        }
        return Optional.of(found(fields, 1.0));
    }

    /** The track by id; empty when Spotify has no such track. */
    private Optional<JsonNode> byId(String id, Calls calls) {
        return calls.json(authorizedGet(uri("/tracks/" + segment(id), Map.of()), calls), track).filter(node -> node.hasNonNull("id"));
    }

    private JsonNode search(String q, Calls calls) {
        return calls.json(authorizedGet(searchUri(q), calls), search).orElseThrow();
    }

    URI searchUri(String q) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("q", q);
        query.put("type", "track");
        query.put("limit", String.valueOf(searchLimit(MAX_SEARCH_LIMIT)));
        return uri("/search", query);
    }

    /** One GET with the bearer token; on 401 a new token is fetched once and the call repeated once. */
    private HttpAnswer authorizedGet(URI uri, Calls calls) {
        String token = tokens.current();
        HttpAnswer answer = calls.get(uri, Map.of("Authorization", "Bearer " + token));
        if (answer.status() == 401) {
            tokens.refused(token);
            answer = calls.get(uri, Map.of("Authorization", "Bearer " + tokens.current()));
        }
        return answer;
    }

    /** The track found, with its audio features when Spotify gives them; a 403 there switches them off (a hint). */
    private SourceResult audioFeatures(String id, Map<String, Object> fields, Double confidence, Calls calls) {
        HttpAnswer answer = authorizedGet(uri("/audio-features/" + segment(id), Map.of()), calls);
        if (answer.status() == 403) {
            return found(fields, confidence).with(Hint.featureOff(AUDIO_FEATURES,
                    "HTTP 403 from /audio-features (closed to these credentials): " + answer.snippet()));
        }
        Optional<Hint.PauseUntil> quota = search.pauseOf(answer);
        if (quota.isPresent()) {
            // the track itself was found; the spent quota still pauses Spotify for the next tracks
            return found(fields, confidence).with(quota.get());
        }
        if (!answer.ok()) {
            // the track itself was found; features are a bonus, not a reason to fail Spotify
            log.warn("Spotify audio features for {} failed: HTTP {}", id, answer.status());
            return found(fields, confidence);
        }
        try {
            fields.putAll(audioFeatureFields(answer.json(json())));
        } catch (RuntimeException unreadable) {
            log.warn("Spotify audio features for {} unreadable: {}", id, unreadable.getMessage());
        }
        return found(fields, confidence);
    }

    /**
     * A 429 whose body's {@code reason} is {@code QUOTA_EXCEEDED} (in the error object, or beside it):
     * the app's quota is spent, and asking before its {@code Retry-After} (hours) only fails again.
     * Any other 429 is the rolling window's "slow down".
     */
    Optional<Hint.PauseUntil> quotaExceeded(HttpAnswer answer) {
        JsonNode body;
        try {
            body = answer.json(json());
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
        String reason = JsonFields.text(body.path("error"), "reason").or(() -> JsonFields.text(body, "reason")).orElse("");
        if (!reason.equals(QUOTA_EXCEEDED)) {
            return Optional.empty();
        }
        Duration wait = answer.retryAfter().orElse(options.quotaPause());
        return Optional.of(new Hint.PauseUntil(Instant.now().plus(wait), "Spotify quota exceeded (HTTP 429 " + QUOTA_EXCEEDED
                + (answer.retryAfter().isPresent() ? ", Retry-After: " + wait.toSeconds() + " s" : ", no Retry-After: paused for quota-pause")
                + ")"));
    }

    /** tempo → bpm, key (0–11) + mode (1 major, 0 minor) → key, and the descriptors. */
    static Map<String, Object> audioFeatureFields(JsonNode f) {
        Map<String, Object> out = new LinkedHashMap<>();
        bpm(f, "tempo").ifPresent(t -> out.put("bpm", t));
        MusicalKey.fromSpotify(JsonFields.integer(f, "key").map(Long::intValue).orElse(null),
                JsonFields.integer(f, "mode").map(Long::intValue).orElse(null)).ifPresent(k -> out.put("key", k.name()));
        JsonFields.decimal(f, "energy").ifPresent(v -> out.put("energy", v));
        JsonFields.decimal(f, "danceability").ifPresent(v -> out.put("danceability", v));
        JsonFields.decimal(f, "valence").ifPresent(v -> out.put("valence", v));
        return out;
    }

    /** The tracks of a search answer ({@code tracks.items}); items without an id are not tracks. */
    static List<JsonNode> items(JsonNode searchAnswer) {
        return JsonFields.array(searchAnswer.path("tracks"), "items").stream().filter(t -> t.hasNonNull("id")).toList();
    }

    static List<Candidate<JsonNode>> candidates(List<JsonNode> items) {
        List<Candidate<JsonNode>> out = new ArrayList<>();
        for (JsonNode t : items) {
            out.add(new Candidate<>(t, JsonFields.texts(t, "artists", "name"), JsonFields.text(t, "name").orElse(""),
                    JsonFields.integer(t, "duration_ms").map(Long::intValue).orElse(null)));
        }
        return out;
    }

    /** The fields of one Spotify track object; optional ones (popularity, release date) only when present. */
    static Map<String, Object> fields(JsonNode t) {
        Map<String, Object> f = new LinkedHashMap<>();
        JsonFields.text(t, "id").ifPresent(v -> f.put("spotify_id", v));
        JsonFields.text(t.path("external_ids"), "isrc").flatMap(Isrc::parse).ifPresent(v -> f.put("isrc", v));
        JsonFields.text(t, "name").ifPresent(v -> f.put("title", v));
        List<String> artists = JsonFields.texts(t, "artists", "name");
        if (!artists.isEmpty()) {
            f.put("artists", artists);
        }
        List<String> artistIds = JsonFields.texts(t, "artists", "id");
        if (!artistIds.isEmpty()) {
            f.put("spotify_artist_ids", artistIds);
        }
        JsonNode album = t.path("album");
        JsonFields.text(album, "name").ifPresent(v -> f.put("album", v));
        JsonFields.text(album, "id").ifPresent(v -> f.put("spotify_album_id", v));
        JsonFields.text(album, "release_date").ifPresent(v -> f.put("release_date", v));
        JsonFields.integer(t, "duration_ms").filter(v -> v > 0).ifPresent(v -> f.put("duration_ms", v));
        JsonFields.integer(t, "popularity").ifPresent(v -> f.put("popularity", v));
        JsonFields.bool(t, "explicit").ifPresent(v -> f.put("explicit", v));
        JsonFields.array(album, "images").stream()
                .filter(i -> JsonFields.text(i, "url").isPresent())
                .max(Comparator.comparingLong(i -> JsonFields.integer(i, "width").orElse(0L)))
                .flatMap(i -> JsonFields.text(i, "url"))
                .ifPresent(v -> f.put("artwork_url", v));
        JsonFields.text(t, "uri").ifPresent(v -> f.put("spotify_uri", v));
        return f;
    }

    private static String quoted(String s) {
        // Spotify's field filters take a quoted phrase; inner quotes would end it early
        return "\"" + s.replace("\"", " ").trim() + "\"";
    }
}
