package dev.trackenricher.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.trackenricher.simulator.Catalogue.Decoy;
import dev.trackenricher.simulator.Catalogue.SimTrack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The six APIs' answers in their own wire formats (sources.md; shapes of ../shared/fixtures):
 * Spotify search/track/audio-features, MusicBrainz recording search/ISRC/lookup, Discogs release
 * search, Last.fm track.getInfo/getTopTags, AcousticBrainz low-level, GetSongBPM search.
 */
final class SimulatedApis {

    private static final String[] SHARP_NAMES = {"C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"};
    private static final String[] PLAIN_NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final Pattern SPOTIFY_Q = Pattern.compile("track:\"?(.*?)\"?\\s+artist:\"?(.*?)\"?\\s*$");
    private static final Pattern LUCENE_Q = Pattern.compile("artist:\"((?:\\\\.|[^\"\\\\])*)\"\\s+AND\\s+recording:\"((?:\\\\.|[^\"\\\\])*)\"");
    private static final Pattern GSB_LOOKUP = Pattern.compile("^song:(.+?)\\s+artist:(.+)$");

    private final Catalogue catalogue;
    private final ObjectMapper json = new ObjectMapper();

    SimulatedApis(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    // ---------------------------------------------------------------- Spotify

    Answer spotifyToken(Map<String, String> headers) {
        String auth = headers.getOrDefault("authorization", "");
        if (!auth.startsWith("Basic ") || auth.length() < 10) {
            return Answer.json(400, "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client\"}", "auth_error");
        }
        return Answer.json(200, "{\"access_token\":\"sim-" + Long.toHexString(System.nanoTime())
                + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}", "ok");
    }

    Answer spotify(String path, Map<String, String> query, Map<String, String> headers) {
        if (!headers.getOrDefault("authorization", "").startsWith("Bearer sim-")) {
            return Answer.json(401, "{\"error\":{\"status\":401,\"message\":\"Invalid access token\"}}", "auth_error");
        }
        if (path.equals("/search")) {
            int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
            if (limit > 10) {
                return Answer.json(400, "{\"error\":{\"status\":400,\"message\":\"Invalid limit\"}}", "bad_request");
            }
            String q = query.getOrDefault("q", "");
            List<ObjectNode> items = new ArrayList<>();
            if (q.startsWith("isrc:")) {
                catalogue.byIsrc(q.substring(5).trim()).filter(t -> catalogue.knows("spotify", t)).ifPresent(t -> items.add(spotifyTrack(t)));
            } else {
                Matcher m = SPOTIFY_Q.matcher(q);
                if (!m.find()) {
                    return Answer.json(200, spotifyPage(items), "not_found");
                }
                String title = m.group(1).trim();
                String artist = m.group(2).trim();
                Optional<SimTrack> t = catalogue.find(artist, title).filter(x -> catalogue.knows("spotify", x));
                for (Decoy d : catalogue.decoys("spotify", artist, title)) {
                    items.add(spotifyDecoy(d));
                }
                t.ifPresent(x -> items.add(Math.floorMod(x.n(), items.size() + 1), spotifyTrack(x)));
            }
            return Answer.json(200, spotifyPage(items.subList(0, Math.min(limit, items.size()))), items.isEmpty() ? "not_found" : "ok");
        }
        if (path.startsWith("/tracks/")) {
            return catalogue.bySpotifyId(path.substring("/tracks/".length())).filter(t -> catalogue.knows("spotify", t))
                    .map(t -> Answer.json(200, spotifyTrack(t).toString(), "ok"))
                    .orElse(Answer.json(404, "{\"error\":{\"status\":404,\"message\":\"Not found.\"}}", "not_found"));
        }
        if (path.startsWith("/audio-features/")) {
            // closed to development-mode apps since 2024-11-27
            return Answer.json(403, "{\"error\":{\"status\":403}}", "forbidden");
        }
        return Answer.json(404, "{\"error\":{\"status\":404,\"message\":\"Service not found\"}}", "not_found");
    }

    private String spotifyPage(List<ObjectNode> items) {
        ObjectNode page = json.createObjectNode();
        ObjectNode tracks = page.putObject("tracks");
        tracks.put("href", "https://api.spotify.com/v1/search");
        ArrayNode arr = tracks.putArray("items");
        items.forEach(arr::add);
        tracks.put("limit", 10).putNull("next").put("offset", 0).putNull("previous").put("total", items.size());
        return page.toString();
    }

    private ObjectNode spotifyTrack(SimTrack t) {
        ObjectNode o = json.createObjectNode();
        ObjectNode album = o.putObject("album");
        album.put("album_type", "album").put("id", "alb" + t.spotifyId().substring(3)).put("name", t.title() + " (Album)")
                .put("release_date", t.year() + "-01-01").put("type", "album");
        album.putArray("images").addObject().put("height", 640).put("url", "https://i.scdn.co/image/" + t.spotifyId()).put("width", 640);
        o.putArray("artists").addObject().put("id", "art" + t.spotifyId().substring(3)).put("name", t.artist()).put("type", "artist");
        o.put("duration_ms", t.durationMs()).put("explicit", false);
        o.putObject("external_ids").put("isrc", t.isrc());
        o.put("id", t.spotifyId()).put("name", t.title()).put("type", "track").put("uri", "spotify:track:" + t.spotifyId());
        return o;
    }

    private ObjectNode spotifyDecoy(Decoy d) {
        ObjectNode o = json.createObjectNode();
        o.putObject("album").put("id", "alb" + d.id()).put("name", d.title()).put("release_date", "2010").putArray("images");
        o.putArray("artists").addObject().put("id", "art" + d.id()).put("name", d.artist());
        String id = (d.id() + "0000000000000000000000").substring(0, 22);
        o.put("duration_ms", d.durationMs()).put("explicit", false).put("id", id).put("name", d.title()).put("uri", "spotify:track:" + id);
        o.putObject("external_ids");
        return o;
    }

    // ---------------------------------------------------------------- MusicBrainz

    Answer musicbrainz(String path, Map<String, String> query, Map<String, String> headers) {
        String agent = headers.getOrDefault("user-agent", "");
        if (agent.isBlank() || agent.startsWith("Java-http-client")) {
            return Answer.json(403, "{\"error\":\"Generic or missing User-Agent: please identify your application\"}", "forbidden");
        }
        if (path.equals("/recording")) {
            Matcher m = LUCENE_Q.matcher(query.getOrDefault("query", ""));
            List<ObjectNode> recordings = new ArrayList<>();
            if (m.find()) {
                String artist = unescape(m.group(1));
                String title = unescape(m.group(2));
                int score = 95;
                for (Decoy d : catalogue.decoys("musicbrainz", artist, title)) {
                    recordings.add(mbDecoy(d, score -= 7));
                }
                catalogue.find(artist, title).filter(t -> catalogue.knows("musicbrainz", t))
                        .ifPresent(t -> recordings.add(0, mbRecording(t, 100)));
            }
            ObjectNode page = json.createObjectNode().put("created", "2026-11-29T00:00:00.000Z").put("count", recordings.size()).put("offset", 0);
            ArrayNode arr = page.putArray("recordings");
            recordings.forEach(arr::add);
            return Answer.json(200, page.toString(), recordings.isEmpty() ? "not_found" : "ok");
        }
        if (path.startsWith("/isrc/")) {
            String isrc = path.substring("/isrc/".length());
            return catalogue.byIsrc(isrc).filter(t -> catalogue.knows("musicbrainz", t)).map(t -> {
                ObjectNode o = json.createObjectNode().put("isrc", isrc);
                o.putArray("recordings").add(mbRecording(t, null));
                return Answer.json(200, o.toString(), "ok");
            }).orElse(Answer.json(404, "{\"error\":\"Not Found\",\"help\":\"For usage, please see: https://musicbrainz.org/development/mmd\"}", "not_found"));
        }
        if (path.startsWith("/recording/")) {
            return catalogue.byMbid(path.substring("/recording/".length())).filter(t -> catalogue.knows("musicbrainz", t))
                    .map(t -> Answer.json(200, mbRecording(t, null).toString(), "ok"))
                    .orElse(Answer.json(404, "{\"error\":\"Not Found\"}", "not_found"));
        }
        return Answer.json(400, "{\"error\":\"Invalid resource\"}", "bad_request");
    }

    private ObjectNode mbRecording(SimTrack t, Integer score) {
        ObjectNode o = json.createObjectNode();
        o.put("id", t.mbid());
        if (score != null) {
            o.put("score", score);
        }
        o.put("title", t.title()).put("length", t.durationMs()).putNull("video").put("disambiguation", "")
                .put("first-release-date", t.year() + "-01-01");
        ObjectNode credit = o.putArray("artist-credit").addObject().put("name", t.artist());
        credit.putObject("artist").put("id", new java.util.UUID(t.n(), 42).toString()).put("name", t.artist()).put("sort-name", t.artist());
        o.putArray("isrcs").add(t.isrc());
        ObjectNode release = o.putArray("releases").addObject().put("id", new java.util.UUID(t.n(), 7).toString())
                .put("title", t.title() + " (Album)").put("status", "Official").put("date", t.year() + "-01-01").put("country", "XW");
        release.putObject("release-group").put("id", new java.util.UUID(t.n(), 8).toString()).put("primary-type", "Album");
        return o;
    }

    private ObjectNode mbDecoy(Decoy d, int score) {
        ObjectNode o = json.createObjectNode();
        o.put("id", new java.util.UUID(d.id().hashCode(), 1).toString()).put("score", score).put("title", d.title())
                .put("length", d.durationMs()).putNull("video");
        o.putArray("artist-credit").addObject().put("name", d.artist()).putObject("artist")
                .put("id", new java.util.UUID(d.artist().hashCode(), 2).toString()).put("name", d.artist()).put("sort-name", d.artist());
        return o;
    }

    private static String unescape(String lucene) {
        return lucene.replaceAll("\\\\(.)", "$1");
    }

    // ---------------------------------------------------------------- Discogs

    Answer discogs(String path, Map<String, String> query, Map<String, String> headers) {
        if (!headers.getOrDefault("authorization", "").startsWith("Discogs token=")) {
            return Answer.json(401, "{\"message\":\"You must authenticate to access this resource.\"}", "auth_error");
        }
        if (path.startsWith("/releases/")) {
            return discogsRelease(path.substring("/releases/".length()));
        }
        if (!path.equals("/database/search")) {
            return Answer.json(404, "{\"message\":\"The requested resource was not found.\"}", "not_found");
        }
        String artist = query.getOrDefault("artist", "");
        String title = query.getOrDefault("track", "");
        ArrayNode results = json.createArrayNode();
        catalogue.find(artist, title).filter(t -> catalogue.knows("discogs", t)).ifPresent(t -> {
            ObjectNode r = results.addObject();
            r.put("id", t.discogsId()).put("type", "release").put("title", t.artist() + " - " + t.title() + " (Album)")
                    .put("year", String.valueOf(t.year())).put("country", "UK").put("catno", "SIM " + t.n()).put("master_id", 0)
                    .put("resource_url", "https://api.discogs.com/releases/" + t.discogsId());
            r.putArray("format").add("Vinyl").add("LP");
            r.putArray("label").add("Simulated Records");
            r.putArray("genre").add(t.n() % 2 == 0 ? "Electronic" : "Rock");
            r.putArray("style").add(t.n() % 3 == 0 ? "House" : "Pop Rock");
        });
        for (Decoy d : catalogue.decoys("discogs", artist, title)) {
            if (!d.artist().equalsIgnoreCase(artist)) {
                ObjectNode r = results.addObject();
                r.put("id", Math.abs(d.id().hashCode())).put("type", "release").put("title", d.artist() + " - Tribute")
                        .put("year", "2011").put("country", "US");
                r.putArray("label").add("Covers Inc");
            }
        }
        ObjectNode page = json.createObjectNode();
        page.putObject("pagination").put("page", 1).put("pages", 1).put("per_page", 10).put("items", results.size()).putObject("urls");
        page.set("results", results);
        return Answer.json(200, page.toString(), results.isEmpty() ? "not_found" : "ok");
    }

    /** {@code GET /releases/{id}}: the release of a known track (its tracklist holds it), or 404. */
    private Answer discogsRelease(String id) {
        long releaseId;
        try {
            releaseId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Answer.json(404, "{\"message\":\"Release not found.\"}", "not_found");
        }
        Optional<SimTrack> track = catalogue.byDiscogsId(releaseId).filter(t -> catalogue.knows("discogs", t));
        if (track.isEmpty()) {
            return Answer.json(404, "{\"message\":\"Release not found.\"}", "not_found");
        }
        SimTrack t = track.get();
        ObjectNode r = json.createObjectNode();
        r.put("id", t.discogsId()).put("status", "Accepted").put("year", t.year()).put("title", t.title() + " (Album)")
                .put("country", "UK").put("released", t.year() + "-00-00").put("master_id", 0);
        r.putArray("artists").addObject().put("name", t.artist()).put("anv", "").put("join", "").put("role", "")
                .put("id", t.n());
        r.putArray("labels").addObject().put("name", "Simulated Records").put("catno", "SIM " + t.n()).put("id", 1);
        r.putArray("genres").add(t.n() % 2 == 0 ? "Electronic" : "Rock");
        r.putArray("styles").add(t.n() % 3 == 0 ? "House" : "Pop Rock");
        ArrayNode tracklist = r.putArray("tracklist");
        tracklist.addObject().put("position", "A1").put("type_", "track").put("title", "Intro").put("duration", "1:02");
        int seconds = t.durationMs() / 1000;
        tracklist.addObject().put("position", "A2").put("type_", "track").put("title", t.title())
                .put("duration", seconds / 60 + ":" + String.format("%02d", seconds % 60));
        tracklist.addObject().put("position", "B1").put("type_", "track").put("title", t.title() + " (Live)").put("duration", "");
        return Answer.json(200, r.toString(), "ok");
    }

    // ---------------------------------------------------------------- Last.fm

    Answer lastfm(Map<String, String> query) {
        if (query.getOrDefault("api_key", "").isBlank()) {
            return Answer.json(200, "{\"error\":10,\"message\":\"Invalid API key - You must be granted a valid key by last.fm\"}", "auth_error");
        }
        String method = query.getOrDefault("method", "").toLowerCase();
        Optional<SimTrack> t = catalogue.find(query.getOrDefault("artist", ""), query.getOrDefault("track", ""))
                .filter(x -> catalogue.knows("lastfm", x));
        if (t.isEmpty()) {
            return Answer.json(200, "{\"error\":6,\"message\":\"Track not found\",\"links\":[]}", "not_found");
        }
        SimTrack x = t.get();
        if (method.equals("track.gettoptags")) {
            ObjectNode o = json.createObjectNode();
            ObjectNode top = o.putObject("toptags");
            top.putArray("tag").addObject().put("count", 100).put("name", tag(x));
            top.putObject("@attr").put("artist", x.artist()).put("track", x.title());
            return Answer.json(200, o.toString(), "ok");
        }
        if (!method.equals("track.getinfo")) {
            return Answer.json(200, "{\"error\":3,\"message\":\"Invalid Method - No method with that name in this package\"}", "bad_request");
        }
        ObjectNode o = json.createObjectNode();
        ObjectNode track = o.putObject("track");
        track.put("name", x.title()).put("mbid", x.mbid()).put("url", "https://www.last.fm/music/sim/" + x.n())
                .put("duration", String.valueOf(x.durationMs())).put("listeners", String.valueOf(1000 + x.n() * 37))
                .put("playcount", String.valueOf(20_000 + x.n() * 391));
        track.putObject("artist").put("name", x.artist()).put("mbid", "").put("url", "https://www.last.fm/music/sim");
        track.putObject("album").put("artist", x.artist()).put("title", x.title() + " (Album)").put("mbid", "").putArray("image");
        track.putObject("toptags").putArray("tag").addObject().put("name", tag(x)).put("url", "https://www.last.fm/tag/" + tag(x));
        return Answer.json(200, o.toString(), "ok");
    }

    private static String tag(SimTrack t) {
        String[] tags = {"rock", "electronic", "pop", "house", "soul", "indie", "hip-hop", "jazz"};
        return tags[t.n() % tags.length];
    }

    // ---------------------------------------------------------------- AcousticBrainz

    Answer acousticbrainz(String path) {
        Matcher m = Pattern.compile("^/([0-9a-f-]{36})/low-level$").matcher(path);
        if (!m.matches()) {
            return Answer.json(400, "{\"message\":\"Bad request\"}", "bad_request");
        }
        return catalogue.byMbid(m.group(1)).filter(t -> catalogue.knows("acousticbrainz", t)).map(t -> {
            ObjectNode o = json.createObjectNode();
            o.putObject("rhythm").put("bpm", t.bpm() + 0.013).put("beats_count", 400);
            o.putObject("tonal").put("key_key", PLAIN_NAMES[t.pitchClass()]).put("key_scale", t.minor() ? "minor" : "major")
                    .put("key_strength", 0.62);
            o.putObject("metadata").putObject("tags").putArray("musicbrainz_recordingid").add(t.mbid());
            return Answer.json(200, o.toString(), "ok");
        }).orElse(Answer.json(404, "{\"message\":\"Not found\"}", "not_found"));
    }

    // ---------------------------------------------------------------- GetSongBPM

    Answer getsongbpm(String path, Map<String, String> query) {
        if (query.getOrDefault("api_key", "").isBlank()) {
            return Answer.json(401, "{\"error\":\"Missing API key\"}", "auth_error");
        }
        if (!path.equals("/search/") && !path.equals("/search")) {
            return Answer.json(404, "{\"error\":\"Not found\"}", "not_found");
        }
        Matcher m = GSB_LOOKUP.matcher(query.getOrDefault("lookup", "").trim());
        if (!m.matches()) {
            return Answer.json(400, "{\"error\":\"Bad query.\"}", "bad_request");
        }
        String title = m.group(1).trim();
        String artist = m.group(2).trim();
        Optional<SimTrack> t = catalogue.find(artist, title).filter(x -> catalogue.knows("getsongbpm", x));
        if (t.isEmpty()) {
            return Answer.json(200, "{\"search\":{\"error\":\"no result\"}}", "not_found");
        }
        SimTrack x = t.get();
        ObjectNode o = json.createObjectNode();
        ArrayNode search = o.putArray("search");
        ObjectNode song = search.addObject();
        song.put("id", x.getsongbpmId()).put("title", x.title()).put("uri", "https://getsongbpm.com/song/" + x.getsongbpmId())
                .put("tempo", String.valueOf(Math.round(x.bpm()))).put("time_sig", "4/4")
                .put("key_of", SHARP_NAMES[x.pitchClass()] + (x.minor() ? "m" : "")).put("danceability", 40 + x.n() % 50)
                .put("acousticness", x.n() % 30);
        ObjectNode a = song.putObject("artist");
        a.put("id", "a" + x.n()).put("name", x.artist()).put("uri", "https://getsongbpm.com/artist/" + x.n()).put("from", "GB").put("mbid", "");
        a.putArray("genres").add(tag(x));
        song.putObject("album").put("title", x.title() + " (Album)").put("uri", "x").put("year", String.valueOf(x.year()));
        return Answer.json(200, o.toString(), "ok");
    }
}
