package dev.trackenricher.support.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * GetSongBPM on the wire: {@code GET /search/?type=both&lookup=song:<title> artist:<artist>},
 * {@code {"search":[ <song> … ]}}, the no-result object, {@code GET /song/?id=<id>} →
 * {@code {"song": <song>}}, and {@code {"error":"…"}} errors.
 */
public final class GetSongBpmWire {

    public static final String SEARCH = "/search/";
    public static final String SONG = "/song/";

    public record Artist(String id, String name, String uri, List<String> genres, String from, String mbid) {
    }

    public record Album(String title, String uri, String year) {
    }

    /**
     * One {@code <song>}. {@code tempo} is a string ("124"); {@code keyOf} may use ♯/♭ ("F♯m");
     * {@code openKey} null leaves it out.
     */
    public record Song(String id, String title, String uri, String tempo, String timeSig, String keyOf, String openKey,
                       int danceability, int acousticness, Artist artist, Album album) {
    }

    private GetSongBpmWire() {
    }

    public static ObjectNode song(Song s) {
        ObjectNode o = WireJson.object().put("id", s.id()).put("title", s.title()).put("uri", s.uri()).put("tempo", s.tempo())
                .put("time_sig", s.timeSig()).put("key_of", s.keyOf());
        WireJson.putIfPresent(o, "open_key", s.openKey());
        o.put("danceability", s.danceability()).put("acousticness", s.acousticness());
        o.putObject("artist").put("id", s.artist().id()).put("name", s.artist().name()).put("uri", s.artist().uri())
                .put("from", s.artist().from()).put("mbid", s.artist().mbid()).set("genres", WireJson.strings(s.artist().genres()));
        o.putObject("album").put("title", s.album().title()).put("uri", s.album().uri()).put("year", s.album().year());
        return o;
    }

    /** A search answer; with no songs, the no-result object GetSongBPM sends instead of an empty array. */
    public static WireAnswer search(List<Song> songs) {
        if (songs.isEmpty()) {
            return noResult();
        }
        ObjectNode o = WireJson.object();
        ArrayNode arr = o.putArray("search");
        songs.forEach(s -> arr.add(song(s)));
        return WireAnswer.ok(o);
    }

    /** {@code GET /song/?id=…} of a known song. */
    public static WireAnswer songAnswer(Song s) {
        ObjectNode o = WireJson.object();
        o.set("song", song(s));
        return WireAnswer.ok(o);
    }

    /** No hit: {@code search} is an object, not an empty array. */
    public static WireAnswer noResult() {
        return WireAnswer.ok(WireJson.object().set("search", WireJson.object().put("error", "no result")));
    }

    public static WireAnswer error(int status, String message) {
        return WireAnswer.json(status, WireJson.object().put("error", message));
    }

    public static WireAnswer missingKey() {
        return error(401, "Missing API key");
    }

    /** A bare lookup string, without {@code song:… artist:…}. */
    public static WireAnswer badQuery() {
        return error(400, "Bad query.");
    }

    public static WireAnswer notFound() {
        return error(404, "Not found");
    }

    /** Over 3,000 requests an hour: the key is blocked for an hour. */
    public static WireAnswer keyBlocked() {
        return error(429, "Too many requests: key blocked for an hour");
    }
}
