package dev.trackenricher.source.lastfm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.match.Candidate;
import dev.trackenricher.match.MatchQuery;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.JsonFields;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceHttp;
import dev.trackenricher.source.SourceHttpFactory;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourceSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Last.fm track.getInfo (and track.getTopTags when getInfo carries no tags). Last.fm reports errors
 * in the body, often with HTTP 200: 6 is "not found", 29 and 8/11/16 are temporary, 10 and 26 mean
 * the key is invalid or suspended (the source stops).
 */
@Component("lastfmClient")
public class LastFmClient implements SourceClient {

    public static final String NAME = "lastfm";

    private final SourceHttp http;
    private final SourceSettings settings;
    private final ObjectMapper json;
    private final TrackMatcher matcher;

    public LastFmClient(SourceHttpFactory http, ObjectMapper json, TrackMatcher matcher) {
        this.http = http.forSource(NAME);
        this.settings = this.http.settings();
        this.json = json;
        this.matcher = matcher;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean credentialsPresent() {
        return SourceSettings.present(settings.apiKey());
    }

    @Override
    public SourceResult fetch(SourceRequest request) {
        Optional<JsonNode> info = call("track.getInfo", request);
        if (info.isEmpty()) {
            return SourceResult.notFound(NAME, "Last.fm: track not found");
        }
        JsonNode track = info.get().path("track");
        if (!track.isObject()) {
            throw new SourceFailureException("Last.fm answer without a track object");
        }
        String name = JsonFields.text(track, "name").orElse("");
        String artist = JsonFields.text(track.path("artist"), "name").or(() -> JsonFields.text(track, "artist")).orElse("");
        Integer duration = JsonFields.integer(track, "duration").filter(d -> d > 0).map(Long::intValue).orElse(null);
        var match = matcher.best(new MatchQuery(request.artistName(), request.title(), request.durationMs()),
                List.of(new Candidate<>(track, List.of(artist), name, duration)));
        if (match.isEmpty()) {
            return SourceResult.notFound(NAME, "Last.fm answered with another track: " + artist + " – " + name);
        }
        Map<String, Object> fields = fields(track);
        if (!fields.containsKey("lastfm_tags")) {
            call("track.getTopTags", request).map(LastFmClient::topTags).filter(t -> !t.isEmpty())
                    .ifPresent(tags -> fields.put("lastfm_tags", tags));
        }
        return SourceResult.found(NAME, fields, match.get().confidence());
    }

    /** One API method; empty for error 6 (not found), throws for the other error codes. */
    private Optional<JsonNode> call(String method, SourceRequest request) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("method", method);
        query.put("artist", request.artistName());
        query.put("track", request.title());
        query.put("autocorrect", "1");
        query.put("api_key", settings.apiKey());
        query.put("format", "json");
        var answer = http.get(http.uri("/", query), Map.of());
        JsonNode body;
        if (!answer.ok()) {
            // Last.fm sends its error body with 4xx/5xx too; read the code when there is one
            try {
                body = answer.json(json);
            } catch (SourceFailureException notJson) {
                answer.requireOk();
                throw notJson;
            }
            if (!body.has("error")) {
                answer.requireOk();
            }
        } else {
            body = answer.json(json);
        }
        if (body.has("error")) {
            int code = JsonFields.integer(body, "error").map(Long::intValue).orElse(-1);
            String message = "Last.fm error " + code + ": " + JsonFields.text(body, "message").orElse("");
            switch (code) {
                case 6 -> {
                    return Optional.empty();
                }
                case 29, 8, 11, 16 -> throw new SourceRateLimitedException(message, null);
                case 10, 26 -> throw new SourceConfigurationException(message);
                default -> throw new SourceFailureException(message);
            }
        }
        return Optional.of(body);
    }

    static List<String> topTags(JsonNode body) {
        return JsonFields.texts(body.path("toptags"), "tag", "name");
    }

    static Map<String, Object> fields(JsonNode track) {
        Map<String, Object> f = new LinkedHashMap<>();
        List<String> tags = JsonFields.texts(track.path("toptags"), "tag", "name");
        if (!tags.isEmpty()) {
            f.put("lastfm_tags", tags);
        }
        JsonFields.integer(track, "listeners").ifPresent(v -> f.put("lastfm_listeners", v));
        JsonFields.integer(track, "playcount").ifPresent(v -> f.put("lastfm_playcount", v));
        JsonFields.text(track, "mbid").ifPresent(v -> f.put("lastfm_mbid", v));
        JsonFields.text(track, "url").ifPresent(v -> f.put("lastfm_url", v));
        JsonFields.text(track.path("album"), "title").ifPresent(v -> f.put("album", v));
        return f;
    }
}
