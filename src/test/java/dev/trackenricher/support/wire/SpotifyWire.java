package dev.trackenricher.support.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Spotify Web API on the wire: the token endpoint (client credentials), {@code GET /search} and
 * {@code GET /tracks/{id}} answers, and its error shape {@code {"error":{"status":N,"message":…}}}.
 * Values in, answer out: which tracks exist is up to the caller (stubs or simulator).
 */
public final class SpotifyWire {

    public static final String SEARCH = "/search";
    public static final String TRACKS = "/tracks/";
    public static final String AUDIO_FEATURES = "/audio-features/";
    /** Development-mode apps get HTTP 400 "Invalid limit" above this (since 2026). */
    public static final int MAX_SEARCH_LIMIT = 10;

    public record Image(String url, int height, int width) {

        /** A 640×640 cover on Spotify's image host. */
        public static Image cover(String imageId) {
            return new Image("https://i.scdn.co/image/" + imageId, 640, 640);
        }
    }

    /** @param albumType "album", "single", …; null leaves it out */
    public record Album(String id, String name, String albumType, String releaseDate, List<Image> images) {
    }

    public record Artist(String id, String name) {
    }

    /**
     * One {@code <track>}. {@code isrc} null sends an empty {@code external_ids}; {@code popularity}
     * null leaves it out (development-mode apps no longer get it since March 2026).
     */
    public record Track(String id, String name, int durationMs, boolean explicit, String isrc, List<Artist> artists, Album album,
                        Integer popularity) {
    }

    private SpotifyWire() {
    }

    public static ObjectNode track(Track t) {
        ObjectNode o = WireJson.object();
        ObjectNode album = o.putObject("album");
        WireJson.putIfPresent(album, "album_type", t.album().albumType());
        album.put("id", t.album().id());
        ArrayNode images = album.putArray("images");
        t.album().images().forEach(i -> images.addObject().put("height", i.height()).put("url", i.url()).put("width", i.width()));
        album.put("name", t.album().name());
        album.put("release_date", t.album().releaseDate()).put("type", "album");
        ArrayNode artists = o.putArray("artists");
        t.artists().forEach(a -> artists.addObject().put("id", a.id()).put("name", a.name()).put("type", "artist"));
        o.put("duration_ms", t.durationMs()).put("explicit", t.explicit());
        ObjectNode ids = o.putObject("external_ids");
        WireJson.putIfPresent(ids, "isrc", t.isrc());
        o.put("id", t.id()).put("name", t.name());
        WireJson.putIfPresent(o, "popularity", t.popularity());
        o.put("type", "track").put("uri", "spotify:track:" + t.id());
        return o;
    }

    /** {@code GET /tracks/{id}} of a known track. */
    public static WireAnswer trackAnswer(Track t) {
        return WireAnswer.ok(track(t));
    }

    /** {@code GET /search?type=track}: one page holding these tracks ({@code items: []}, {@code total: 0} for no match). */
    public static WireAnswer search(List<Track> items) {
        ObjectNode page = WireJson.object();
        ObjectNode tracks = page.putObject("tracks");
        tracks.put("href", "https://api.spotify.com/v1/search");
        ArrayNode arr = tracks.putArray("items");
        items.forEach(t -> arr.add(track(t)));
        tracks.put("limit", MAX_SEARCH_LIMIT).putNull("next").put("offset", 0).putNull("previous").put("total", items.size());
        return WireAnswer.ok(page);
    }

    /** The token endpoint's answer to a client-credentials grant. */
    public static WireAnswer token(String accessToken) {
        ObjectNode o = WireJson.object().put("access_token", accessToken).put("token_type", "Bearer").put("expires_in", 3600);
        return WireAnswer.ok(o);
    }

    /** The token endpoint refusing the client (OAuth error shape, not the API's). */
    public static WireAnswer tokenRefused() {
        return WireAnswer.json(400, WireJson.object().put("error", "invalid_client").put("error_description", "Invalid client"));
    }

    /** The API's error shape; a null message leaves it out (as the audio-features 403 does). */
    public static WireAnswer error(int status, String message) {
        ObjectNode o = WireJson.object();
        ObjectNode e = o.putObject("error").put("status", status);
        WireJson.putIfPresent(e, "message", message);
        return WireAnswer.json(status, o);
    }

    public static WireAnswer notFound() {
        return error(404, "Not found.");
    }

    public static WireAnswer invalidToken() {
        return error(401, "Invalid access token");
    }

    public static WireAnswer invalidLimit() {
        return error(400, "Invalid limit");
    }

    /** Audio features are closed to new and development-mode apps since 2024-11-27. */
    public static WireAnswer audioFeaturesClosed() {
        return error(403, null);
    }

    /** A path the API does not serve. */
    public static WireAnswer serviceNotFound() {
        return error(404, "Service not found");
    }

    /**
     * A Development-Mode app that spent its quota: 429 with a Retry-After of many hours (48,925 s and
     * 72,982 s have been seen) and the reason {@code QUOTA_EXCEEDED} in the error object.
     */
    public static WireAnswer quotaExceeded(long retryAfterSeconds) {
        ObjectNode o = WireJson.object();
        o.putObject("error").put("status", 429).put("message", "API rate limit exceeded").put("reason", "QUOTA_EXCEEDED");
        return WireAnswer.json(429, o).header("Retry-After", String.valueOf(retryAfterSeconds));
    }

    /** Over the rolling 30 s window: 429 with Retry-After in seconds. */
    public static WireAnswer rateLimited(long retryAfterSeconds) {
        return error(429, "API rate limit exceeded").header("Retry-After", String.valueOf(retryAfterSeconds));
    }
}
