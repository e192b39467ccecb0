package dev.trackenricher.support.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Discogs on the wire: {@code GET /database/search} pages, {@code GET /releases/{id}}, its error
 * shape {@code {"message":"…"}} and its rate-limit headers.
 */
public final class DiscogsWire {

    public static final String SEARCH = "/database/search";
    public static final String RELEASES = "/releases/";
    private static final String API = "https://api.discogs.com";

    /**
     * One search hit. {@code title} is "Artist - Release"; {@code year} a string; null parts are
     * left out (a sparse hit sends only id, type, title and a few more).
     */
    public record SearchResult(long id, String title, String year, String country, List<String> format, List<String> label,
                               List<String> genre, List<String> style, String catno) {
    }

    public record Artist(String name, long id) {
    }

    public record Label(String name, String catno, long id) {
    }

    /** @param duration "4:45", or "" when the release does not say */
    public record TrackEntry(String position, String title, String duration) {
    }

    /** @param released "1999-03-00" (day or month unknown) is possible */
    public record Release(long id, String title, int year, String country, String released, List<Artist> artists, List<Label> labels,
                          List<String> genres, List<String> styles, List<TrackEntry> tracklist) {
    }

    private DiscogsWire() {
    }

    public static ObjectNode result(SearchResult r) {
        ObjectNode o = WireJson.object().put("id", r.id()).put("type", "release").put("title", r.title());
        WireJson.putIfPresent(o, "year", r.year());
        WireJson.putIfPresent(o, "country", r.country());
        WireJson.putIfPresent(o, "format", r.format());
        WireJson.putIfPresent(o, "label", r.label());
        WireJson.putIfPresent(o, "genre", r.genre());
        WireJson.putIfPresent(o, "style", r.style());
        WireJson.putIfPresent(o, "catno", r.catno());
        // the tests' releases belong to no master release
        o.put("master_id", 0).put("resource_url", API + RELEASES + r.id());
        return o;
    }

    /** A search answer: one page holding these hits. */
    public static WireAnswer search(List<SearchResult> results) {
        ObjectNode o = WireJson.object();
        o.putObject("pagination").put("page", 1).put("pages", 1).put("per_page", 10).put("items", results.size()).putObject("urls");
        ArrayNode arr = o.putArray("results");
        results.forEach(r -> arr.add(result(r)));
        return WireAnswer.ok(o);
    }

    public static ObjectNode release(Release r) {
        ObjectNode o = WireJson.object().put("id", r.id()).put("status", "Accepted").put("year", r.year()).put("title", r.title());
        ArrayNode artists = o.putArray("artists");
        r.artists().forEach(a -> artists.addObject().put("name", a.name()).put("anv", "").put("join", "").put("role", "").put("tracks", "")
                .put("id", a.id()).put("resource_url", API + "/artists/" + a.id()));
        ArrayNode labels = o.putArray("labels");
        r.labels().forEach(l -> labels.addObject().put("name", l.name()).put("catno", l.catno()).put("entity_type", "1")
                .put("id", l.id()).put("resource_url", API + "/labels/" + l.id()));
        o.put("country", r.country()).put("released", r.released());
        o.set("genres", WireJson.strings(r.genres()));
        o.set("styles", WireJson.strings(r.styles()));
        ArrayNode tracklist = o.putArray("tracklist");
        r.tracklist().forEach(t -> tracklist.addObject().put("position", t.position()).put("type_", "track").put("title", t.title())
                .put("duration", t.duration()));
        return o;
    }

    /** {@code GET /releases/{id}} of a known release. */
    public static WireAnswer releaseAnswer(Release r) {
        return WireAnswer.ok(release(r));
    }

    /** A tracklist duration: "4:05". */
    public static String duration(int ms) {
        int seconds = ms / 1000;
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }

    public static WireAnswer error(int status, String message) {
        return WireAnswer.json(status, WireJson.object().put("message", message));
    }

    public static WireAnswer releaseNotFound() {
        return error(404, "Release not found.");
    }

    /** A path the API does not serve. */
    public static WireAnswer notFound() {
        return error(404, "The requested resource was not found.");
    }

    /** No or a bad {@code Authorization: Discogs token=…}. */
    public static WireAnswer unauthorized() {
        return error(401, "You must authenticate to access this resource.");
    }

    /** Over the moving 60 s window: 429, no Retry-After, the window's headers at zero remaining. */
    public static WireAnswer tooManyRequests(int limit) {
        return error(429, "You are making requests too quickly.")
                .header("X-Discogs-Ratelimit", String.valueOf(limit)).header("X-Discogs-Ratelimit-Remaining", "0");
    }

    /** The rate-limit headers every answer carries: the window's size, used and remaining. */
    public static WireAnswer withRateLimitHeaders(WireAnswer a, int limit, int used) {
        return a.header("X-Discogs-Ratelimit", String.valueOf(limit)).header("X-Discogs-Ratelimit-Used", String.valueOf(used))
                .header("X-Discogs-Ratelimit-Remaining", String.valueOf(Math.max(0, limit - used)));
    }
}
