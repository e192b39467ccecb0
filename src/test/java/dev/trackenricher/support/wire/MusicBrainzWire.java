package dev.trackenricher.support.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * MusicBrainz WS/2 on the wire ({@code fmt=json}): recording search pages (a batch of ISRCs is one
 * search, {@code isrc:A OR isrc:B}, paged by {@code count}/{@code offset}), ISRC, recording and URL
 * lookups, and its error shape {@code {"error":"…","help":"…"}}. A {@link Recording} renders the
 * same in all of them, so a batch answer is one more page shape around the same recordings.
 */
public final class MusicBrainzWire {

    /** {@code GET /recording?query=<lucene>}: the search. */
    public static final String RECORDING_SEARCH = "/recording";
    /** The search's bound on {@code limit} (hits per page). */
    public static final int MAX_SEARCH_LIMIT = 100;
    /** {@code GET /recording/{mbid}}: one recording. */
    public static final String RECORDING_LOOKUP = "/recording/";
    /** {@code GET /isrc/{isrc}}: the recordings of one ISRC. */
    public static final String ISRC_LOOKUP = "/isrc/";
    /** {@code GET /url?resource=<u1>&resource=<u2>…&inc=recording-rels}: URLs (such as Spotify track links) and what they belong to. */
    public static final String URL_LOOKUP = "/url";
    /** How a Spotify track is written as a URL in MusicBrainz. */
    public static final String SPOTIFY_TRACK_URL = "https://open.spotify.com/track/";
    /** The relationship type of a streaming link to a recording. */
    static final String FREE_STREAMING = "free streaming";
    /** Every page of the tests' answers claims this creation time; nothing reads it. */
    static final String CREATED = "2026-01-01T00:00:00.000Z";
    private static final String HELP = "For usage, please see: https://musicbrainz.org/development/mmd";

    /** One credit: the credited name, and the artist behind it (whose id is the artist's MBID). */
    public record Credit(String name, String joinphrase, String artistId, String artistName, String sortName) {

        /** An artist credited under its own name. */
        public static Credit of(String name, String artistId) {
            return new Credit(name, null, artistId, name, name);
        }
    }

    public record ReleaseGroup(String id, String primaryType) {
    }

    /** @param releaseGroup null leaves it out (search hits of older servers) */
    public record Release(String id, String title, String status, String date, String country, ReleaseGroup releaseGroup) {
    }

    /**
     * One recording. Null parts are left out: {@code score} (only search hits have one), and
     * {@code length}, {@code disambiguation}, {@code firstReleaseDate}, {@code isrcs}, {@code releases}
     * (only sent when asked for, or known).
     */
    public record Recording(String id, Integer score, String title, Integer length, String disambiguation, String firstReleaseDate,
                            List<Credit> artistCredit, List<String> isrcs, List<Release> releases) {

        public Recording withScore(Integer s) {
            return new Recording(id, s, title, length, disambiguation, firstReleaseDate, artistCredit, isrcs, releases);
        }
    }

    /**
     * A URL MusicBrainz knows ({@code id} is the URL entity's MBID) and the recordings it is linked
     * to (a streaming link usually names one).
     */
    public record Url(String id, String resource, List<Recording> recordings) {
    }

    private MusicBrainzWire() {
    }

    /** A recording as a lookup sends it ({@code video} false). */
    public static ObjectNode recording(Recording r) {
        return render(r, false);
    }

    /** A recording as a search page holds it ({@code video} null). */
    public static ObjectNode searchHit(Recording r) {
        return render(r, true);
    }

    private static ObjectNode render(Recording r, boolean searchHit) {
        ObjectNode o = WireJson.object();
        o.put("id", r.id());
        WireJson.putIfPresent(o, "score", r.score());
        o.put("title", r.title());
        WireJson.putIfPresent(o, "length", r.length());
        if (searchHit) {
            o.putNull("video");
        } else {
            o.put("video", false);
        }
        WireJson.putIfPresent(o, "disambiguation", r.disambiguation());
        WireJson.putIfPresent(o, "first-release-date", r.firstReleaseDate());
        ArrayNode credits = o.putArray("artist-credit");
        for (Credit c : r.artistCredit()) {
            ObjectNode credit = credits.addObject().put("name", c.name());
            WireJson.putIfPresent(credit, "joinphrase", c.joinphrase());
            credit.putObject("artist").put("id", c.artistId()).put("name", c.artistName()).put("sort-name", c.sortName());
        }
        WireJson.putIfPresent(o, "isrcs", r.isrcs());
        if (r.releases() != null) {
            ArrayNode releases = o.putArray("releases");
            for (Release rel : r.releases()) {
                ObjectNode release = releases.addObject().put("id", rel.id()).put("title", rel.title()).put("status", rel.status())
                        .put("date", rel.date()).put("country", rel.country());
                if (rel.releaseGroup() != null) {
                    release.putObject("release-group").put("id", rel.releaseGroup().id()).put("primary-type", rel.releaseGroup().primaryType());
                }
            }
        }
        return o;
    }

    /** A search answer holding all its hits on one page. */
    public static WireAnswer search(List<Recording> recordings) {
        return search(recordings, recordings.size(), 0);
    }

    /**
     * One page of a search answer: these recordings, starting at {@code offset} of {@code count}
     * hits in all (a client pages with {@code offset} while {@code count} is larger than it has read).
     */
    public static WireAnswer search(List<Recording> page, int count, int offset) {
        ObjectNode o = WireJson.object().put("created", CREATED).put("count", count).put("offset", offset);
        ArrayNode arr = o.putArray("recordings");
        page.forEach(r -> arr.add(searchHit(r)));
        return WireAnswer.ok(o);
    }

    /** {@code GET /isrc/{isrc}}: the recordings of a known ISRC. */
    public static WireAnswer isrcLookup(String isrc, List<Recording> recordings) {
        ObjectNode o = WireJson.object().put("isrc", isrc);
        ArrayNode arr = o.putArray("recordings");
        recordings.forEach(r -> arr.add(recording(r)));
        return WireAnswer.ok(o);
    }

    /**
     * The query of one search for several ISRCs: {@code isrc:A OR isrc:B OR …} (one request for
     * them all; the hits name their ISRCs in {@code isrcs}).
     */
    public static String isrcQuery(List<String> isrcs) {
        return String.join(" OR ", isrcs.stream().map(i -> "isrc:" + i).toList());
    }

    /**
     * {@code GET /url?resource=…} with one resource: the URL itself with its relations, or 404
     * when MusicBrainz does not know it.
     */
    public static WireAnswer urlLookup(Url url) {
        return WireAnswer.ok(url(url));
    }

    /**
     * {@code GET /url?resource=<u1>&resource=<u2>…}: the known ones in a list
     * ({@code url-count}, {@code url-offset}, {@code urls}); unknown URLs are left out, none known is
     * an empty list (never a 404).
     */
    public static WireAnswer urlLookup(List<Url> known) {
        ObjectNode o = WireJson.object().put("url-count", known.size()).put("url-offset", 0);
        ArrayNode arr = o.putArray("urls");
        known.forEach(u -> arr.add(url(u)));
        return WireAnswer.ok(o);
    }

    private static ObjectNode url(Url u) {
        ObjectNode o = WireJson.object().put("id", u.id()).put("resource", u.resource());
        ArrayNode relations = o.putArray("relations");
        for (Recording r : u.recordings()) {
            ObjectNode rel = relations.addObject().put("type", FREE_STREAMING).put("target-type", "recording").put("direction", "backward");
            rel.putArray("attributes");
            rel.putNull("begin");
            rel.putNull("end");
            rel.put("ended", false);
            rel.set("recording", relationTarget(r));
        }
        return o;
    }

    /** A recording as the target of a relationship: the recording alone, without its credits, ISRCs or releases. */
    static ObjectNode relationTarget(Recording r) {
        ObjectNode o = WireJson.object().put("id", r.id()).put("title", r.title());
        WireJson.putIfPresent(o, "length", r.length());
        o.put("video", false);
        o.put("disambiguation", r.disambiguation() == null ? "" : r.disambiguation());
        return o;
    }

    /** {@code GET /recording/{mbid}} of a known recording. */
    public static WireAnswer lookup(Recording r) {
        return WireAnswer.ok(recording(r));
    }

    public static WireAnswer error(int status, String message) {
        return WireAnswer.json(status, WireJson.object().put("error", message).put("help", HELP));
    }

    /** An unknown ISRC or MBID. */
    public static WireAnswer notFound() {
        return error(404, "Not Found");
    }

    /** A path WS/2 does not serve. */
    public static WireAnswer invalidResource() {
        return error(400, "Invalid resource");
    }

    /** Generic or missing User-Agents are refused. */
    public static WireAnswer userAgentRefused() {
        return error(403, "Generic or missing User-Agent: please identify your application");
    }

    /** Over 1 request per second per client: 503, no Retry-After. */
    public static WireAnswer rateLimited() {
        return error(503, "Your requests are exceeding the allowable rate limit. Please see "
                + "http://wiki.musicbrainz.org/XMLWebService for more information.");
    }
}
