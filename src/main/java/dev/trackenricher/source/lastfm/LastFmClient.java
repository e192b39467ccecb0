package dev.trackenricher.source.lastfm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.credentials.Credentials;
import dev.trackenricher.json.JsonFields;
import dev.trackenricher.match.Candidate;
import dev.trackenricher.match.Match;
import dev.trackenricher.match.MatchDecision;
import dev.trackenricher.match.TitleVersion;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.Hint;
import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.client.HttpSourceClient;
import dev.trackenricher.source.client.HttpSources;
import dev.trackenricher.source.http.HttpAnswer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Last.fm track.getInfo (and track.getTopTags when getInfo carries no tags). Last.fm reports errors
 * in the body, often with HTTP 200: 6 is "not found", 29 (rate limit: the source pauses for
 * {@code rate-limit-pause}) and 8/11/16 (temporary) are retriable, 10 and 26 mean the key is invalid
 * or suspended (the source stops).
 */
@Component
public class LastFmClient extends HttpSourceClient {

    public static final String NAME = "lastfm";
    /** The lowest tag weight kept (the weight beets' lastgenre plugin uses by default). */
    static final int MIN_TAG_WEIGHT = 10;
    private static final Pattern MBID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    /** A track page on Last.fm: {@code https://www.last.fm/music/<artist>/_/<track>}, both parts URL-encoded. */
    private static final Pattern TRACK_URL = Pattern.compile("^https?://(?:www\\.)?last\\.fm/music/([^/]+)/_/([^/?#]+)/?$");

    private final LastFmOptions options;

    public LastFmClient(HttpSources sources) {
        super(NAME, sources);
        this.options = options(LastFmOptions.class);
    }

    @Override
    public List<String> credentialNames() {
        return List.of(Credentials.API_KEY);
    }

    @Override
    protected SourceResult lookup(SourceRequest request, Calls calls) {
        Optional<JsonNode> info = call("track.getInfo", request, calls);
        if (info.isEmpty()) {
            return notFound("Last.fm: track not found");
        }
        JsonNode track = info.get().path("track");
        if (!track.isObject()) {
            throw new SourceFailureException("Last.fm answer without a track object: " + snippet(info.get()));
        }
        // autocorrect=1 may answer with another spelling, or another track: it must still be ours, by its names. Its
        // duration never decides: Last.fm's is often missing, 0, in seconds where ms are due, or minutes off
        MatchDecision<JsonNode> decision = decideIgnoringDuration(request, List.of(candidate(track)));
        if (decision instanceof MatchDecision.Undecided<JsonNode> undecided) {
            return needsReview(undecided, LastFmClient::candidateId);
        }
        Optional<Match<JsonNode>> match = decision.taken();
        if (match.isEmpty()) {
            return notFound("Last.fm answered with another track: " + candidate(track).artists() + " – " + candidate(track).title());
        }
        Map<String, Object> fields = fields(track);
        if (!fields.containsKey("lastfm_tags")) {
            call("track.getTopTags", request, calls).map(LastFmClient::topTags).filter(t -> !t.isEmpty())
                    .ifPresent(tags -> fields.put("lastfm_tags", tags));
        }
        if (fields.isEmpty()) {
            // known by name only: nothing to give yet (asked again after not-found-ttl)
            return notFound("Last.fm knows the track but has no tags or counts for it");
        }
        return found(fields, match.get().confidence());
    }

    /** A review candidate's id: its MusicBrainz id when Last.fm gives one, else its page's URL. */
    static String candidateId(JsonNode track) {
        return JsonFields.text(track, "mbid").or(() -> JsonFields.text(track, "url")).orElse("");
    }

    /**
     * track.getInfo by a candidate's id: by {@code mbid} when it is one, else by the artist and
     * title its Last.fm URL names (without autocorrect: the page is the track). Neither: not_found.
     */
    @Override
    protected Optional<SourceResult> findById(String id, SourceRequest request, Calls calls) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("method", "track.getInfo");
        String trimmed = id.trim();
        Matcher page = TRACK_URL.matcher(trimmed);
        if (MBID.matcher(trimmed).matches()) {
            query.put("mbid", trimmed);
        } else if (page.matches()) {
            query.put("artist", URLDecoder.decode(page.group(1), StandardCharsets.UTF_8));
            query.put("track", URLDecoder.decode(page.group(2), StandardCharsets.UTF_8));
        } else {
            return Optional.of(notFound("not a Last.fm track id (an MBID or a last.fm/music/…/_/… URL): " + id));
        }
        query.put("api_key", credentials().apiKey());
        query.put("format", "json");
        Optional<JsonNode> info = read(calls.get(uri("/", query)), json());
        JsonNode track = info.map(i -> i.path("track")).filter(JsonNode::isObject).orElse(null);
        if (track == null) {
            return Optional.of(notFound("Last.fm has no track " + id));
        }
        Map<String, Object> fields = fields(track);
        return Optional.of(fields.isEmpty() ? notFound("Last.fm knows the track but has no tags or counts for it") : found(fields, 1.0));
    }

    /** One API method; empty for error 6 (not found), throws for the other error codes. */
    private Optional<JsonNode> call(String method, SourceRequest request, Calls calls) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("method", method);
        query.put("artist", TrackMatcher.searchableArtist(request.artistName()));
        query.put("track", TitleVersion.searchable(request.title()));
        query.put("autocorrect", "1");
        query.put("api_key", credentials().apiKey());
        query.put("format", "json");
        return read(calls.get(uri("/", query)), json(), options.rateLimitPause());
    }

    /** The same, with the default pause after error 29. */
    static Optional<JsonNode> read(HttpAnswer answer, ObjectMapper json) {
        return read(answer, json, LastFmOptions.DEFAULT_RATE_LIMIT_PAUSE);
    }

    /**
     * An answer's body, or empty for error 6. The error code in the body decides, whatever the HTTP
     * status (Last.fm sends its error bodies with 200 and with 4xx/5xx); without one, the status does.
     * Error 29 (too many requests) pauses Last.fm for {@code pauseOn29} (or the answer's Retry-After);
     * 8, 11 and 16 (temporary) make only this attempt rate_limited.
     */
    static Optional<JsonNode> read(HttpAnswer answer, ObjectMapper json, Duration pauseOn29) {
        JsonNode body;
        try {
            body = answer.json(json);
        } catch (SourceFailureException notJson) {
            answer.requireOk();
            throw notJson;
        }
        Optional<Long> code = JsonFields.integer(body, "error");
        if (code.isEmpty()) {
            // no Last.fm error code (none, or another service's error shape in front of it): the status decides
            answer.requireOk();
            if (body.has("error")) {
                throw new SourceFailureException("Last.fm answered with an unknown error shape: " + answer.snippet());
            }
            return Optional.of(body);
        }
        String message = "Last.fm error " + code.get() + ": " + JsonFields.text(body, "message").orElse("");
        return switch (code.get().intValue()) {
            case 6 -> Optional.empty();
            case 29 -> {
                Duration wait = answer.retryAfter().orElse(pauseOn29);
                throw new SourceRateLimitedException(message, null, List.of(new Hint.PauseUntil(Instant.now().plus(wait),
                        "Last.fm error 29, rate limit exceeded: paused " + wait.toSeconds() + " s")));
            }
            case 8, 11, 16 -> throw new SourceRateLimitedException(message, answer.retryAfter().orElse(null));
            case 10, 26 -> throw new SourceConfigurationException(message);
            default -> throw new SourceFailureException(message);
        };
    }

    static Candidate<JsonNode> candidate(JsonNode track) {
        String name = JsonFields.text(track, "name").orElse("");
        String artist = JsonFields.text(track.path("artist"), "name").or(() -> JsonFields.text(track, "artist")).orElse("");
        // Last.fm's duration is in ms as a string, and "0" when unknown
        Integer duration = JsonFields.integer(track, "duration").filter(d -> d > 0).map(Long::intValue).orElse(null);
        return new Candidate<>(track, List.of(artist), name, duration);
    }

    /**
     * The tag names of a track.getTopTags answer, most used first, without the long tail: a tag
     * whose weight (0–100, relative to the top tag) is below {@link #MIN_TAG_WEIGHT} is one or two
     * listeners' opinion ("favorites", "seen live"), not a description of the track.
     */
    static List<String> topTags(JsonNode body) {
        List<String> out = new ArrayList<>();
        for (JsonNode tag : JsonFields.array(body.path("toptags"), "tag")) {
            boolean weighty = JsonFields.integer(tag, "count").map(c -> c >= MIN_TAG_WEIGHT).orElse(true);
            JsonFields.text(tag, "name").filter(n -> weighty).ifPresent(out::add);
        }
        return out;
    }

    /** The fields of a track.getInfo {@code track}: numbers arrive as strings. */
    static Map<String, Object> fields(JsonNode track) {
        Map<String, Object> f = new LinkedHashMap<>();
        List<String> tags = JsonFields.texts(track.path("toptags"), "tag", "name");
        if (!tags.isEmpty()) {
            f.put("lastfm_tags", tags);
        }
        JsonFields.integer(track, "listeners").ifPresent(v -> f.put("lastfm_listeners", v));
        JsonFields.integer(track, "playcount").ifPresent(v -> f.put("lastfm_playcount", v));
        JsonFields.text(track, "mbid").ifPresent(v -> f.put("lastfm_mbid", v));
        JsonFields.text(track.path("artist"), "mbid").ifPresent(v -> f.put("lastfm_artist_mbid", v));
        JsonFields.text(track, "url").ifPresent(v -> f.put("lastfm_url", v));
        JsonFields.text(track.path("album"), "title").ifPresent(v -> f.put("album", v));
        return f;
    }

    private static String snippet(JsonNode body) {
        String s = body.toString();
        return s.length() <= 120 ? s : s.substring(0, 120) + "…";
    }
}
