package dev.trackenricher.simulator;

import dev.trackenricher.simulator.Catalogue.Decoy;
import dev.trackenricher.simulator.Catalogue.SimTrack;
import dev.trackenricher.support.wire.AcousticBrainzWire;
import dev.trackenricher.support.wire.DiscogsWire;
import dev.trackenricher.support.wire.GetSongBpmWire;
import dev.trackenricher.support.wire.LastFmWire;
import dev.trackenricher.support.wire.MusicBrainzWire;
import dev.trackenricher.support.wire.SpotifyWire;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The six APIs answering from the catalogue: reads each request the way the real API does, looks
 * the track up, and answers in the API's wire format (built by the {@code support.wire} classes,
 * which the WireMock stubs use too). Searches mix the track with the catalogue's near-misses.
 */
final class SimulatedApis {

    private static final String[] SHARP_NAMES = {"C", "C♯", "D", "E♭", "E", "F", "F♯", "G", "A♭", "A", "B♭", "B"};
    private static final String[] PLAIN_NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final Pattern SPOTIFY_Q = Pattern.compile("track:\"?(.*?)\"?\\s+artist:\"?(.*?)\"?\\s*$");
    private static final Pattern LUCENE_Q = Pattern.compile("artist:\"((?:\\\\.|[^\"\\\\])*)\"\\s+AND\\s+recording:\"((?:\\\\.|[^\"\\\\])*)\"");
    /** A recording search for ISRCs only: {@code isrc:A OR isrc:B …} (as one search for a batch of tracks). */
    private static final Pattern ISRC_Q = Pattern.compile("^\\s*isrc:\"?[A-Za-z0-9-]+\"?(\\s+OR\\s+isrc:\"?[A-Za-z0-9-]+\"?)*\\s*$");
    private static final Pattern ISRC_TERM = Pattern.compile("isrc:\"?([A-Za-z0-9-]+)\"?");
    private static final Pattern GSB_LOOKUP = Pattern.compile("^song:(.+?)\\s+artist:(.+)$");

    private final Catalogue catalogue;

    SimulatedApis(Catalogue catalogue) {
        this.catalogue = catalogue;
    }

    private static final String WITH_ISRC = RequestLog.WITH_ISRC;
    private static final String WITHOUT_ISRC = RequestLog.WITHOUT_ISRC;
    private static final String SPOTIFY_LINKS = RequestLog.SPOTIFY_LINKS;

    /**
     * Which group of the request log a request counts in, so a benchmark can tell requests per
     * track apart by kind of track (MusicBrainz: {@link RequestLog#WITH_ISRC}, {@link RequestLog#WITHOUT_ISRC},
     * {@link RequestLog#SPOTIFY_LINKS}); null for the other APIs.
     */
    String group(String source, String path, Map<String, String> query) {
        if (!source.equals("musicbrainz")) {
            return null;
        }
        if (path.startsWith(MusicBrainzWire.ISRC_LOOKUP) || ISRC_Q.matcher(query.getOrDefault("query", "")).matches()) {
            return WITH_ISRC;
        }
        if (path.equals(MusicBrainzWire.URL_LOOKUP)) {
            return SPOTIFY_LINKS;
        }
        Matcher m = LUCENE_Q.matcher(query.getOrDefault("query", ""));
        boolean isrc = m.find() && catalogue.find(unescape(m.group(1)), unescape(m.group(2))).map(t -> t.isrc() != null).orElse(false);
        return isrc ? WITH_ISRC : WITHOUT_ISRC;
    }

    // ---------------------------------------------------------------- Spotify

    Answer spotifyToken(Map<String, String> headers) {
        String auth = headers.getOrDefault("authorization", "");
        if (!auth.startsWith("Basic ") || auth.length() < 10) {
            return Answer.of(SpotifyWire.tokenRefused(), "auth_error");
        }
        return Answer.of(SpotifyWire.token("sim-" + Long.toHexString(System.nanoTime())), "ok");
    }

    Answer spotify(String path, Map<String, String> query, Map<String, String> headers) {
        if (!headers.getOrDefault("authorization", "").startsWith("Bearer sim-")) {
            return Answer.of(SpotifyWire.invalidToken(), "auth_error");
        }
        if (path.equals(SpotifyWire.SEARCH)) {
            int limit = Integer.parseInt(query.getOrDefault("limit", "20"));
            if (limit > SpotifyWire.MAX_SEARCH_LIMIT) {
                return Answer.of(SpotifyWire.invalidLimit(), "bad_request");
            }
            String q = query.getOrDefault("q", "");
            List<SpotifyWire.Track> items = new ArrayList<>();
            if (q.startsWith("isrc:")) {
                catalogue.byIsrc(q.substring(5).trim()).filter(t -> catalogue.knows("spotify", t)).ifPresent(t -> items.add(spotifyTrack(t)));
            } else {
                Matcher m = SPOTIFY_Q.matcher(q);
                if (!m.find()) {
                    return Answer.of(SpotifyWire.search(items), "not_found");
                }
                String title = m.group(1).trim();
                String artist = m.group(2).trim();
                Optional<SimTrack> t = catalogue.find(artist, title).filter(x -> catalogue.knows("spotify", x));
                for (Decoy d : catalogue.decoys("spotify", artist, title)) {
                    items.add(spotifyDecoy(d));
                }
                t.ifPresent(x -> items.add(Math.floorMod(x.n(), items.size() + 1), spotifyTrack(x)));
            }
            return Answer.of(SpotifyWire.search(items.subList(0, Math.min(limit, items.size()))), items.isEmpty() ? "not_found" : "ok");
        }
        if (path.startsWith(SpotifyWire.TRACKS)) {
            return catalogue.bySpotifyId(path.substring(SpotifyWire.TRACKS.length())).filter(t -> catalogue.knows("spotify", t))
                    .map(t -> Answer.of(SpotifyWire.trackAnswer(spotifyTrack(t)), "ok"))
                    .orElse(Answer.of(SpotifyWire.notFound(), "not_found"));
        }
        if (path.startsWith(SpotifyWire.AUDIO_FEATURES)) {
            return Answer.of(SpotifyWire.audioFeaturesClosed(), "forbidden");
        }
        return Answer.of(SpotifyWire.serviceNotFound(), "not_found");
    }

    private static SpotifyWire.Track spotifyTrack(SimTrack t) {
        String tail = t.spotifyId().substring(3);
        SpotifyWire.Album album = new SpotifyWire.Album(String.format("alb%019d", t.album()), t.albumTitle(), "album", t.year() + "-01-01",
                List.of(SpotifyWire.Image.cover("cover" + t.album())));
        return new SpotifyWire.Track(t.spotifyId(), t.title(), t.durationMs(), false, t.isrc(),
                List.of(new SpotifyWire.Artist("art" + tail, t.artist())), album, null);
    }

    private static SpotifyWire.Track spotifyDecoy(Decoy d) {
        String id = (d.id() + "0000000000000000000000").substring(0, 22);
        return new SpotifyWire.Track(id, d.title(), d.durationMs(), false, null, List.of(new SpotifyWire.Artist("art" + d.id(), d.artist())),
                new SpotifyWire.Album("alb" + d.id(), d.title(), null, "2010", List.of()), null);
    }

    // ---------------------------------------------------------------- MusicBrainz

    Answer musicbrainz(String path, Map<String, String> query, Map<String, List<String>> all, Map<String, String> headers) {
        String agent = headers.getOrDefault("user-agent", "");
        if (agent.isBlank() || agent.startsWith("Java-http-client")) {
            return Answer.of(MusicBrainzWire.userAgentRefused(), "forbidden");
        }
        if (path.equals(MusicBrainzWire.RECORDING_SEARCH) && ISRC_Q.matcher(query.getOrDefault("query", "")).matches()) {
            return musicbrainzIsrcSearch(query);
        }
        if (path.equals(MusicBrainzWire.URL_LOOKUP)) {
            return musicbrainzUrls(all.getOrDefault("resource", List.of()));
        }
        if (path.equals(MusicBrainzWire.RECORDING_SEARCH)) {
            Matcher m = LUCENE_Q.matcher(query.getOrDefault("query", ""));
            List<MusicBrainzWire.Recording> recordings = new ArrayList<>();
            if (m.find()) {
                String artist = unescape(m.group(1));
                String title = unescape(m.group(2));
                int score = 95;
                for (Decoy d : catalogue.decoys("musicbrainz", artist, title)) {
                    recordings.add(mbDecoy(d, score -= 7));
                }
                catalogue.find(artist, title).filter(t -> catalogue.knows("musicbrainz", t))
                        .ifPresent(t -> recordings.add(0, mbRecording(t).withScore(100)));
            }
            return Answer.of(MusicBrainzWire.search(recordings), recordings.isEmpty() ? "not_found" : "ok");
        }
        if (path.startsWith(MusicBrainzWire.ISRC_LOOKUP)) {
            String isrc = path.substring(MusicBrainzWire.ISRC_LOOKUP.length());
            List<MusicBrainzWire.Recording> recordings = isrcRecordings(isrc);
            return recordings.isEmpty() ? Answer.of(MusicBrainzWire.notFound(), "not_found")
                    : Answer.of(MusicBrainzWire.isrcLookup(isrc, recordings), "ok");
        }
        if (path.startsWith(MusicBrainzWire.RECORDING_LOOKUP)) {
            return catalogue.byMbid(path.substring(MusicBrainzWire.RECORDING_LOOKUP.length())).filter(t -> catalogue.knows("musicbrainz", t))
                    .map(t -> Answer.of(MusicBrainzWire.lookup(mbRecording(t)), "ok"))
                    .orElse(Answer.of(MusicBrainzWire.notFound(), "not_found"));
        }
        return Answer.of(MusicBrainzWire.invalidResource(), "bad_request");
    }

    /**
     * {@code query=isrc:A OR isrc:B …}: every recording carrying one of the ISRCs (with its
     * {@code isrcs}), the whole hit list paged by {@code offset} and {@code limit} (at most 100).
     */
    private Answer musicbrainzIsrcSearch(Map<String, String> query) {
        List<MusicBrainzWire.Recording> hits = new ArrayList<>();
        Matcher term = ISRC_TERM.matcher(query.getOrDefault("query", ""));
        java.util.Set<String> asked = new java.util.LinkedHashSet<>();
        while (term.find()) {
            asked.add(term.group(1).toUpperCase(java.util.Locale.ROOT));
        }
        for (String isrc : asked) {
            isrcRecordings(isrc).forEach(r -> hits.add(r.withScore(100)));
        }
        int limit = Math.max(1, Math.min(MusicBrainzWire.MAX_SEARCH_LIMIT, intOr(query.get("limit"), 25)));
        int offset = Math.max(0, intOr(query.get("offset"), 0));
        List<MusicBrainzWire.Recording> page = hits.subList(Math.min(offset, hits.size()), Math.min(offset + limit, hits.size()));
        return Answer.of(MusicBrainzWire.search(page, hits.size(), offset), hits.isEmpty() ? "not_found" : "ok");
    }

    /** The recordings MusicBrainz has for an ISRC: the track's, and for some a live take carrying it too. */
    private List<MusicBrainzWire.Recording> isrcRecordings(String isrc) {
        Optional<SimTrack> track = catalogue.byIsrc(isrc).filter(t -> catalogue.knows("musicbrainz", t));
        if (track.isEmpty()) {
            return List.of();
        }
        SimTrack t = track.get();
        List<MusicBrainzWire.Recording> out = new ArrayList<>(List.of(mbRecording(t)));
        if (catalogue.isrcAlsoOnLiveTake(t)) {
            out.add(new MusicBrainzWire.Recording(new UUID(t.n(), 99).toString(), null, t.title() + " (Live)", t.durationMs() + 40_000, "live",
                    null, List.of(MusicBrainzWire.Credit.of(t.artist(), new UUID(t.n(), 42).toString())), List.of(t.isrc()), List.of()));
        }
        return out;
    }

    /** {@code GET /url?resource=…}: Spotify track links MusicBrainz has; one resource answers the URL itself (404 if unknown), several a list. */
    private Answer musicbrainzUrls(List<String> resources) {
        List<MusicBrainzWire.Url> known = new ArrayList<>();
        for (String resource : resources) {
            if (!resource.startsWith(MusicBrainzWire.SPOTIFY_TRACK_URL)) {
                continue;
            }
            catalogue.bySpotifyId(resource.substring(MusicBrainzWire.SPOTIFY_TRACK_URL.length())).filter(catalogue::spotifyLinked)
                    .ifPresent(t -> known.add(new MusicBrainzWire.Url(new UUID(t.n(), 77).toString(), resource, List.of(mbRecording(t)))));
        }
        if (resources.size() == 1) {
            return known.isEmpty() ? Answer.of(MusicBrainzWire.notFound(), "not_found") : Answer.of(MusicBrainzWire.urlLookup(known.get(0)), "ok");
        }
        return Answer.of(MusicBrainzWire.urlLookup(known), known.isEmpty() ? "not_found" : "ok");
    }

    private static int intOr(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** The track as a recording of a lookup (no score; a search hit adds one). */
    private static MusicBrainzWire.Recording mbRecording(SimTrack t) {
        MusicBrainzWire.Release release = new MusicBrainzWire.Release(new UUID(t.album(), 7).toString(), t.albumTitle(), "Official",
                t.year() + "-01-01", "XW", new MusicBrainzWire.ReleaseGroup(new UUID(t.album(), 8).toString(), "Album"));
        return new MusicBrainzWire.Recording(t.mbid(), null, t.title(), t.durationMs(), "", t.year() + "-01-01",
                List.of(MusicBrainzWire.Credit.of(t.artist(), new UUID(t.n(), 42).toString())), t.isrc() == null ? null : List.of(t.isrc()),
                List.of(release));
    }

    private static MusicBrainzWire.Recording mbDecoy(Decoy d, int score) {
        return new MusicBrainzWire.Recording(new UUID(d.id().hashCode(), 1).toString(), score, d.title(), d.durationMs(), null, null,
                List.of(MusicBrainzWire.Credit.of(d.artist(), new UUID(d.artist().hashCode(), 2).toString())), null, null);
    }

    private static String unescape(String lucene) {
        return lucene.replaceAll("\\\\(.)", "$1");
    }

    // ---------------------------------------------------------------- Discogs

    Answer discogs(String path, Map<String, String> query, Map<String, String> headers) {
        if (!headers.getOrDefault("authorization", "").startsWith("Discogs token=")) {
            return Answer.of(DiscogsWire.unauthorized(), "auth_error");
        }
        if (path.startsWith(DiscogsWire.RELEASES)) {
            return discogsRelease(path.substring(DiscogsWire.RELEASES.length()));
        }
        if (!path.equals(DiscogsWire.SEARCH)) {
            return Answer.of(DiscogsWire.notFound(), "not_found");
        }
        String artist = query.getOrDefault("artist", "");
        String title = query.getOrDefault("track", "");
        List<DiscogsWire.SearchResult> results = new ArrayList<>();
        catalogue.find(artist, title).filter(t -> catalogue.knows("discogs", t)).ifPresent(t -> results.add(new DiscogsWire.SearchResult(
                t.discogsId(), t.artist() + " - " + t.albumTitle(), String.valueOf(t.year()), "UK", List.of("Vinyl", "LP"),
                List.of("Simulated Records"), List.of(genre(t)), List.of(style(t)), "SIM " + t.n())));
        for (Decoy d : catalogue.decoys("discogs", artist, title)) {
            if (!d.artist().equalsIgnoreCase(artist)) {
                results.add(new DiscogsWire.SearchResult(Math.abs(d.id().hashCode()), d.artist() + " - Tribute", "2011", "US", null,
                        List.of("Covers Inc"), null, null, null));
            }
        }
        return Answer.of(DiscogsWire.search(results), results.isEmpty() ? "not_found" : "ok");
    }

    /**
     * {@code GET /releases/{id}}: an album with a track Discogs knows; its tracklist holds every
     * track of the album that Discogs knows (with an intro before and a live bonus after), or 404.
     */
    private Answer discogsRelease(String id) {
        long releaseId;
        try {
            releaseId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Answer.of(DiscogsWire.releaseNotFound(), "not_found");
        }
        List<SimTrack> album = catalogue.byDiscogsId(releaseId);
        if (album.stream().noneMatch(t -> catalogue.knows("discogs", t))) {
            return Answer.of(DiscogsWire.releaseNotFound(), "not_found");
        }
        SimTrack t = album.get(0);
        List<DiscogsWire.TrackEntry> tracklist = new ArrayList<>();
        tracklist.add(new DiscogsWire.TrackEntry("A1", "Intro", "1:02"));
        int position = 2;
        for (SimTrack track : album) {
            // a track Discogs does not know is on none of its releases either (its search and its releases agree)
            if (catalogue.knows("discogs", track)) {
                tracklist.add(new DiscogsWire.TrackEntry("A" + position++, track.title(), DiscogsWire.duration(track.durationMs())));
            }
        }
        tracklist.add(new DiscogsWire.TrackEntry("B1", t.title() + " (Live)", ""));
        return Answer.of(DiscogsWire.releaseAnswer(new DiscogsWire.Release(t.discogsId(), t.albumTitle(), t.year(), "UK",
                t.year() + "-00-00", List.of(new DiscogsWire.Artist(t.artist(), t.n())),
                List.of(new DiscogsWire.Label("Simulated Records", "SIM " + t.n(), 1)), List.of(genre(t)), List.of(style(t)), tracklist)),
                "ok");
    }

    private static String genre(SimTrack t) {
        return t.n() % 2 == 0 ? "Electronic" : "Rock";
    }

    private static String style(SimTrack t) {
        return t.n() % 3 == 0 ? "House" : "Pop Rock";
    }

    // ---------------------------------------------------------------- Last.fm

    Answer lastfm(Map<String, String> query) {
        if (query.getOrDefault("api_key", "").isBlank()) {
            return Answer.of(LastFmWire.invalidKey(), "auth_error");
        }
        String method = query.getOrDefault("method", "");
        Optional<SimTrack> t = catalogue.find(query.getOrDefault("artist", ""), query.getOrDefault("track", ""))
                .filter(x -> catalogue.knows("lastfm", x));
        if (t.isEmpty()) {
            return Answer.of(LastFmWire.notFound(), "not_found");
        }
        SimTrack x = t.get();
        if (method.equalsIgnoreCase(LastFmWire.GET_TOP_TAGS)) {
            return Answer.of(LastFmWire.topTags(x.artist(), x.title(), List.of(new LastFmWire.WeightedTag(100, tag(x)))), "ok");
        }
        if (!method.equalsIgnoreCase(LastFmWire.GET_INFO)) {
            return Answer.of(LastFmWire.invalidMethod(), "bad_request");
        }
        return Answer.of(LastFmWire.info(new LastFmWire.TrackInfo(x.title(), x.mbid(), "https://www.last.fm/music/sim/" + x.n(),
                x.durationMs(), 1000 + x.n() * 37L, 20_000 + x.n() * 391L, new LastFmWire.Artist(x.artist(), "", "https://www.last.fm/music/sim"),
                new LastFmWire.Album(x.artist(), x.albumTitle(), ""),
                List.of(new LastFmWire.Tag(tag(x), "https://www.last.fm/tag/" + tag(x))))), "ok");
    }

    private static String tag(SimTrack t) {
        String[] tags = {"rock", "electronic", "pop", "house", "soul", "indie", "hip-hop", "jazz"};
        return tags[t.n() % tags.length];
    }

    // ---------------------------------------------------------------- AcousticBrainz

    Answer acousticbrainz(String path, Map<String, String> query) {
        if (path.equals(AcousticBrainzWire.BULK_LOW_LEVEL)) {
            return acousticbrainzBulk(query.getOrDefault("recording_ids", ""));
        }
        String mbid = AcousticBrainzWire.mbidOf(path);
        if (mbid == null) {
            return Answer.of(AcousticBrainzWire.badRequest(), "bad_request");
        }
        return catalogue.byMbid(mbid).filter(t -> catalogue.knows("acousticbrainz", t))
                .map(t -> Answer.of(AcousticBrainzWire.lowLevel(lowLevel(t)), "ok"))
                .orElse(Answer.of(AcousticBrainzWire.notFound(), "not_found"));
    }

    /** {@code GET /low-level?recording_ids=a;b;…}: at most 25 ids, each a UUID; the known ones answered, the others left out. */
    private Answer acousticbrainzBulk(String recordingIds) {
        List<String> ids = AcousticBrainzWire.recordingIds(recordingIds);
        if (ids.isEmpty()) {
            return Answer.of(AcousticBrainzWire.badRequest(), "bad_request");
        }
        if (ids.size() > AcousticBrainzWire.MAX_BULK_IDS) {
            return Answer.of(AcousticBrainzWire.tooManyIds(), "bad_request");
        }
        Map<String, AcousticBrainzWire.LowLevel> known = new java.util.LinkedHashMap<>();
        for (String id : ids) {
            if (!id.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
                return Answer.of(AcousticBrainzWire.notAnId(id), "bad_request");
            }
            catalogue.byMbid(id).filter(t -> catalogue.knows("acousticbrainz", t)).ifPresent(t -> known.put(id, lowLevel(t)));
        }
        return Answer.of(AcousticBrainzWire.bulkLowLevel(known), known.isEmpty() ? "not_found" : "ok");
    }

    private static AcousticBrainzWire.LowLevel lowLevel(SimTrack t) {
        return new AcousticBrainzWire.LowLevel(t.mbid(), t.bpm() + 0.013, 400, PLAIN_NAMES[t.pitchClass()], t.minor() ? "minor" : "major", 0.62);
    }

    // ---------------------------------------------------------------- GetSongBPM

    Answer getsongbpm(String path, Map<String, String> query) {
        if (query.getOrDefault("api_key", "").isBlank()) {
            return Answer.of(GetSongBpmWire.missingKey(), "auth_error");
        }
        if (!path.equals(GetSongBpmWire.SEARCH) && !path.equals("/search")) {
            return Answer.of(GetSongBpmWire.notFound(), "not_found");
        }
        Matcher m = GSB_LOOKUP.matcher(query.getOrDefault("lookup", "").trim());
        if (!m.matches()) {
            return Answer.of(GetSongBpmWire.badQuery(), "bad_request");
        }
        String title = m.group(1).trim();
        String artist = m.group(2).trim();
        Optional<SimTrack> t = catalogue.find(artist, title).filter(x -> catalogue.knows("getsongbpm", x));
        if (t.isEmpty()) {
            return Answer.of(GetSongBpmWire.noResult(), "not_found");
        }
        SimTrack x = t.get();
        GetSongBpmWire.Artist a = new GetSongBpmWire.Artist("a" + x.n(), x.artist(), "https://getsongbpm.com/artist/" + x.n(),
                List.of(tag(x)), "GB", "");
        GetSongBpmWire.Song song = new GetSongBpmWire.Song(x.getsongbpmId(), x.title(), "https://getsongbpm.com/song/" + x.getsongbpmId(),
                String.valueOf(Math.round(x.bpm())), "4/4", SHARP_NAMES[x.pitchClass()] + (x.minor() ? "m" : ""), null,
                40 + x.n() % 50, x.n() % 30, a, new GetSongBpmWire.Album(x.albumTitle(), "x", String.valueOf(x.year())));
        return Answer.of(GetSongBpmWire.search(List.of(song)), "ok");
    }
}
