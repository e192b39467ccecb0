package dev.trackenricher.support.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Last.fm on the wire: everything goes to {@code <base-url>/?method=…}; {@code track.getInfo}
 * (numbers as strings), {@code track.getTopTags}, and errors as {@code {"error":N,"message":…}}
 * inside an HTTP 200.
 */
public final class LastFmWire {

    /** All methods share one path; {@code method=} names the call. */
    public static final String PATH = "/";
    public static final String GET_INFO = "track.getInfo";
    public static final String GET_TOP_TAGS = "track.getTopTags";

    /** @param url null leaves it out */
    public record Artist(String name, String mbid, String url) {
    }

    public record Album(String artist, String title, String mbid) {
    }

    public record Tag(String name, String url) {
    }

    /** @param album null leaves it out (Last.fm often knows none) */
    public record TrackInfo(String name, String mbid, String url, int durationMs, long listeners, long playcount, Artist artist,
                            Album album, List<Tag> tags) {
    }

    /** A tag of track.getTopTags: {@code count} is its weight, 0–100 relative to the top tag. */
    public record WeightedTag(int count, String name) {
    }

    private LastFmWire() {
    }

    public static WireAnswer info(TrackInfo t) {
        ObjectNode o = WireJson.object();
        ObjectNode track = o.putObject("track");
        track.put("name", t.name()).put("mbid", t.mbid()).put("url", t.url()).put("duration", String.valueOf(t.durationMs()))
                .put("listeners", String.valueOf(t.listeners())).put("playcount", String.valueOf(t.playcount()));
        ObjectNode artist = track.putObject("artist").put("name", t.artist().name()).put("mbid", t.artist().mbid());
        WireJson.putIfPresent(artist, "url", t.artist().url());
        if (t.album() != null) {
            track.putObject("album").put("artist", t.album().artist()).put("title", t.album().title()).put("mbid", t.album().mbid())
                    .putArray("image");
        }
        ArrayNode tags = track.putObject("toptags").putArray("tag");
        t.tags().forEach(tag -> tags.addObject().put("name", tag.name()).put("url", tag.url()));
        return WireAnswer.ok(o);
    }

    public static WireAnswer topTags(String artist, String track, List<WeightedTag> tags) {
        ObjectNode o = WireJson.object();
        ObjectNode top = o.putObject("toptags");
        ArrayNode arr = top.putArray("tag");
        tags.forEach(t -> arr.addObject().put("count", t.count()).put("name", t.name()));
        top.putObject("@attr").put("artist", artist).put("track", track);
        return WireAnswer.ok(o);
    }

    /** An error in the body, with HTTP 200 as Last.fm sends most of them. */
    public static WireAnswer error(int code, String message) {
        ObjectNode o = WireJson.object().put("error", code).put("message", message);
        o.putArray("links");
        return WireAnswer.json(200, o);
    }

    /** Error 6: no such track (or bad parameters): an answer, not a failure. */
    public static WireAnswer notFound() {
        return error(6, "Track not found");
    }

    /** Error 10: a configuration error, the client stops calling. */
    public static WireAnswer invalidKey() {
        return error(10, "Invalid API key - You must be granted a valid key by last.fm");
    }

    public static WireAnswer invalidMethod() {
        return error(3, "Invalid Method - No method with that name in this package");
    }

    /** Error 29, still inside an HTTP 200. */
    public static WireAnswer rateLimited() {
        return error(29, "Rate Limit Exceeded - Your IP has made too many requests in a short period");
    }
}
