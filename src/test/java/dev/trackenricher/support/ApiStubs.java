package dev.trackenricher.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.support.wire.AcousticBrainzWire;
import dev.trackenricher.support.wire.DiscogsWire;
import dev.trackenricher.support.wire.GetSongBpmWire;
import dev.trackenricher.support.wire.LastFmWire;
import dev.trackenricher.support.wire.MusicBrainzWire;
import dev.trackenricher.support.wire.SpotifyWire;
import dev.trackenricher.support.wire.StubLayout;
import dev.trackenricher.support.wire.WireAnswer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One local HTTP server (WireMock) playing all six APIs, each under its own path prefix, speaking
 * their wire formats (built by the {@code support.wire} classes, which the simulator uses too). By
 * default every API answers "no match"; tests add tracks the APIs know and inject failures per source.
 */
public final class ApiStubs {

    public static final List<String> SOURCES = StubLayout.SOURCES;
    /** The same layout as the simulator's, so a test can use either behind the same base URLs. */
    public static final Map<String, String> PREFIX = StubLayout.PREFIX;
    public static final String TOKEN_PATH = StubLayout.SPOTIFY_TOKEN_PATH;

    /** Every track the stubs know sounds the same to AcousticBrainz: 124 BPM in A minor. */
    private static final AcousticBrainzWire.LowLevel LOW_LEVEL = new AcousticBrainzWire.LowLevel(null, 124.02, null, "A", "minor", 0.61);

    private static WireMockServer server;

    private ApiStubs() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().containerThreads(64).jettyAcceptors(2)
                    .extensions(new RateGate(), new BatchAnswers()));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    public static void register(DynamicPropertyRegistry registry) {
        String root = "http://localhost:" + server().port();
        PREFIX.forEach((source, prefix) -> registry.add("enricher.sources." + source + ".base-url", () -> root + prefix));
        registry.add("enricher.sources.spotify.token-url", () -> root + TOKEN_PATH);
    }

    /** Back to: a token for Spotify, "no match" from every API, nothing recorded. */
    public static void reset() {
        WireMockServer s = server();
        s.resetAll();
        BatchAnswers.clear();
        // the batch requests, answered from what the tests made the stubs know (nothing yet)
        s.stubFor(get(urlPathEqualTo(PREFIX.get("musicbrainz") + MusicBrainzWire.RECORDING_SEARCH))
                .withQueryParam("query", matching("^\\s*isrc:.*")).atPriority(6)
                .willReturn(aResponse().withTransformers(BatchAnswers.NAME).withTransformerParameter("kind", "isrc-search")));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("musicbrainz") + MusicBrainzWire.URL_LOOKUP)).atPriority(6)
                .willReturn(aResponse().withTransformers(BatchAnswers.NAME).withTransformerParameter("kind", "url-lookup")));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("acousticbrainz") + AcousticBrainzWire.BULK_LOW_LEVEL)).atPriority(6)
                .willReturn(aResponse().withTransformers(BatchAnswers.NAME).withTransformerParameter("kind", "low-level-bulk")));
        s.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(response(SpotifyWire.token("test-token"))));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("spotify") + SpotifyWire.SEARCH)).atPriority(10)
                .willReturn(response(SpotifyWire.search(List.of()))));
        s.stubFor(get(urlPathMatching(PREFIX.get("spotify") + SpotifyWire.TRACKS + ".*")).atPriority(10)
                .willReturn(response(SpotifyWire.notFound())));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("musicbrainz") + MusicBrainzWire.RECORDING_SEARCH)).atPriority(10)
                .willReturn(response(MusicBrainzWire.search(List.of()))));
        s.stubFor(get(urlPathMatching(PREFIX.get("musicbrainz") + MusicBrainzWire.ISRC_LOOKUP + ".*")).atPriority(10)
                .willReturn(response(MusicBrainzWire.notFound())));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("discogs") + DiscogsWire.SEARCH)).atPriority(10)
                .willReturn(response(DiscogsWire.search(List.of()))));
        s.stubFor(get(urlPathMatching(PREFIX.get("discogs") + DiscogsWire.RELEASES + ".*")).atPriority(10)
                .willReturn(response(DiscogsWire.releaseNotFound())));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("lastfm") + LastFmWire.PATH)).atPriority(10).willReturn(response(LastFmWire.notFound())));
        s.stubFor(get(urlPathMatching(PREFIX.get("acousticbrainz") + "/.*")).atPriority(10)
                .willReturn(response(AcousticBrainzWire.notFound())));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("getsongbpm") + GetSongBpmWire.SEARCH)).atPriority(10)
                .willReturn(response(GetSongBpmWire.noResult())));
    }

    /** Every API knows this track. */
    public static void knowEverywhere(TestTrack t) {
        for (String source : SOURCES) {
            know(source, t);
        }
    }

    /** One API knows this track. */
    public static void know(String source, TestTrack t) {
        WireMockServer s = server();
        String prefix = PREFIX.get(source);
        switch (source) {
            case "spotify" -> s.stubFor(get(urlPathEqualTo(prefix + SpotifyWire.SEARCH))
                    .withQueryParam("q", containing("artist:\"" + t.artist() + "\""))
                    .atPriority(5).willReturn(response(SpotifyWire.search(List.of(spotifyTrack(t))))));
            case "musicbrainz" -> s.stubFor(get(urlPathEqualTo(prefix + MusicBrainzWire.RECORDING_SEARCH))
                    .withQueryParam("query", containing("artist:\"" + t.artist() + "\""))
                    .atPriority(5).willReturn(response(MusicBrainzWire.search(List.of(musicbrainzRecording(t))))));
            case "discogs" -> {
                s.stubFor(get(urlPathEqualTo(prefix + DiscogsWire.SEARCH))
                        .withQueryParam("artist", equalTo(t.artist()))
                        .atPriority(5).willReturn(response(DiscogsWire.search(List.of(discogsResult(t))))));
                s.stubFor(get(urlPathEqualTo(prefix + DiscogsWire.RELEASES + discogsReleaseId(t)))
                        .atPriority(5).willReturn(response(DiscogsWire.releaseAnswer(discogsReleaseOf(t)))));
            }
            case "lastfm" -> s.stubFor(get(urlPathEqualTo(prefix + LastFmWire.PATH))
                    .withQueryParam("method", equalTo(LastFmWire.GET_INFO))
                    .withQueryParam("artist", equalTo(t.artist()))
                    .atPriority(5).willReturn(response(LastFmWire.info(lastfmTrack(t)))));
            case "acousticbrainz" -> {
                s.stubFor(get(urlPathEqualTo(prefix + AcousticBrainzWire.lowLevelPath(t.mbid())))
                        .atPriority(5).willReturn(response(AcousticBrainzWire.lowLevel(LOW_LEVEL))));
                BatchAnswers.lowLevel(t.mbid(), LOW_LEVEL);
            }
            case "getsongbpm" -> s.stubFor(get(urlPathEqualTo(prefix + GetSongBpmWire.SEARCH))
                    .withQueryParam("lookup", equalTo("song:" + t.title() + " artist:" + t.artist()))
                    .atPriority(5).willReturn(response(GetSongBpmWire.search(List.of(getsongbpmSong(t))))));
            default -> throw new IllegalArgumentException(source);
        }
    }

    /**
     * MusicBrainz knows these tracks by their ISRCs too: the ISRC lookup ({@code /isrc/{isrc}})
     * and a search over several ISRCs ({@code isrc:A OR isrc:B}) answer their recordings.
     */
    public static void knowByIsrc(TestTrack... tracks) {
        for (TestTrack t : tracks) {
            server().stubFor(get(urlPathEqualTo(PREFIX.get("musicbrainz") + MusicBrainzWire.ISRC_LOOKUP + t.isrc())).atPriority(5)
                    .willReturn(response(MusicBrainzWire.isrcLookup(t.isrc(), List.of(musicbrainzRecording(t).withScore(null))))));
            BatchAnswers.isrc(t.isrc(), musicbrainzRecording(t));
        }
    }

    /**
     * MusicBrainz also has this track's ISRC on {@code takes} live recordings of the song ("Song 7
     * (Live 1)", …, each longer), as happens: a search for the ISRC finds them all, the matcher must pick.
     */
    public static void knowIsrcOnLiveTakes(TestTrack t, int takes) {
        for (int i = 1; i <= takes; i++) {
            BatchAnswers.isrc(t.isrc(), new MusicBrainzWire.Recording(UUID.nameUUIDFromBytes((t.mbid() + "-live-" + i).getBytes()).toString(),
                    null, t.title() + " (Live " + i + ")", t.durationMs() + 30_000 * i, "live", null,
                    List.of(MusicBrainzWire.Credit.of(t.artist(), "a-" + t.mbid())), List.of(t.isrc()), List.of()));
        }
    }

    /** MusicBrainz links this track's Spotify URL to its recording ({@code /url?resource=…}). */
    public static void knowSpotifyLink(TestTrack t) {
        BatchAnswers.spotifyLink(MusicBrainzWire.SPOTIFY_TRACK_URL + t.spotifyId(), musicbrainzRecording(t).withScore(null));
    }

    /** Every call to this API (all its endpoints) gets this answer. */
    public static void answerAll(String source, ResponseDefinitionBuilder response) {
        server().stubFor(any(urlPathMatching(PREFIX.get(source) + "/.*")).atPriority(1).willReturn(response));
    }

    public static ResponseDefinitionBuilder serverError() {
        return response(WireAnswer.serverErrorPage());
    }

    /** An API's answer (from the {@code support.wire} classes) as a WireMock response. */
    public static ResponseDefinitionBuilder response(WireAnswer answer) {
        ResponseDefinitionBuilder r = aResponse().withStatus(answer.status()).withHeader("Content-Type", answer.contentType())
                .withBody(answer.body());
        answer.headers().forEach(r::withHeader);
        return r;
    }

    /** Requests that reached one API (Spotify's token endpoint not included). */
    public static List<LoggedRequest> requests(String source) {
        return server().findAll(RequestPatternBuilder.newRequestPattern(RequestMethod.ANY, urlPathMatching(PREFIX.get(source) + "/.*")));
    }

    public static int count(String source) {
        return requests(source).size();
    }

    /** Requests to an API that asked about this track (its artist in the query, or its MBID in the path). */
    public static long countFor(String source, TestTrack t) {
        return requests(source).stream().filter(r -> {
            String url = URLDecoder.decode(r.getUrl(), StandardCharsets.UTF_8);
            return url.contains(t.artist() + "\"") || url.contains(t.artist() + "&") || url.contains(t.mbid());
        }).count();
    }

    // --- what the stub APIs know of a test track, in each API's wire format ---

    public static String spotifySearch(TestTrack t) {
        return SpotifyWire.search(List.of(spotifyTrack(t))).body();
    }

    public static String musicbrainzSearch(TestTrack t) {
        return MusicBrainzWire.search(List.of(musicbrainzRecording(t))).body();
    }

    public static String discogsSearch(TestTrack t) {
        return DiscogsWire.search(List.of(discogsResult(t))).body();
    }

    public static long discogsReleaseId(TestTrack t) {
        return Math.abs((long) t.mbid().hashCode());
    }

    /** GET /releases/{id}: the release the search found, with the track on its tracklist. */
    public static String discogsRelease(TestTrack t) {
        return DiscogsWire.releaseAnswer(discogsReleaseOf(t)).body();
    }

    static String lastfmInfo(TestTrack t) {
        return LastFmWire.info(lastfmTrack(t)).body();
    }

    static String acousticbrainzLowLevel() {
        return AcousticBrainzWire.lowLevel(LOW_LEVEL).body();
    }

    static String getsongbpmSearch(TestTrack t) {
        return GetSongBpmWire.search(List.of(getsongbpmSong(t))).body();
    }

    private static SpotifyWire.Track spotifyTrack(TestTrack t) {
        String id = t.spotifyId();
        SpotifyWire.Album single = new SpotifyWire.Album("alb" + id, t.title() + " (Single)", "single", "2014-01-01",
                List.of(SpotifyWire.Image.cover(id)));
        return new SpotifyWire.Track(id, t.title(), t.durationMs(), false, t.isrc(), List.of(new SpotifyWire.Artist("art" + id, t.artist())),
                single, 71);
    }

    private static MusicBrainzWire.Recording musicbrainzRecording(TestTrack t) {
        return new MusicBrainzWire.Recording(t.mbid(), 100, t.title(), t.durationMs(), null, "2014-01-01",
                List.of(MusicBrainzWire.Credit.of(t.artist(), "a-" + t.mbid())), List.of(t.isrc()),
                List.of(new MusicBrainzWire.Release("r-" + t.mbid(), t.title(), "Official", "2014-01-01", "GB", null)));
    }

    private static DiscogsWire.SearchResult discogsResult(TestTrack t) {
        // an album holding the track, not its single: the client reads the release's tracklist (a release titled after the
        // track would decide without it)
        return new DiscogsWire.SearchResult(discogsReleaseId(t), t.artist() + " - " + t.title() + " (Album)", "2014", "UK", List.of("Vinyl"),
                List.of("Test Label"), List.of("Electronic"), List.of("House"), "TL 001");
    }

    private static DiscogsWire.Release discogsReleaseOf(TestTrack t) {
        return new DiscogsWire.Release(discogsReleaseId(t), t.title() + " (Album)", 2014, "UK", "2014-03-00", List.of(new DiscogsWire.Artist(t.artist(), 1)),
                List.of(new DiscogsWire.Label("Test Label", "TL 001", 5)), List.of("Electronic"), List.of("House"),
                List.of(new DiscogsWire.TrackEntry("A", t.title(), DiscogsWire.duration(t.durationMs())),
                        new DiscogsWire.TrackEntry("B", t.title() + " (Dub)", "")));
    }

    private static LastFmWire.TrackInfo lastfmTrack(TestTrack t) {
        return new LastFmWire.TrackInfo(t.title(), "", "https://www.last.fm/music/x", t.durationMs(), 1234, 56789,
                new LastFmWire.Artist(t.artist(), "", null), null,
                List.of(new LastFmWire.Tag("house", "x"), new LastFmWire.Tag("dance", "y")));
    }

    private static GetSongBpmWire.Song getsongbpmSong(TestTrack t) {
        return new GetSongBpmWire.Song("gsb" + t.spotifyId(), t.title(), "x", "124", "4/4", "Am", "1m", 70, 5,
                new GetSongBpmWire.Artist("x", t.artist(), "x", List.of("house"), "GB", ""), new GetSongBpmWire.Album("x", "x", "2014"));
    }
}
