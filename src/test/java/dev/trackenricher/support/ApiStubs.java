package dev.trackenricher.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.trackenricher.simulator.ApiSimulator;
import dev.trackenricher.simulator.SimulatorConfig;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One local HTTP server (WireMock) playing all six APIs, each under its own path prefix, speaking
 * their wire formats (shapes of ../shared/fixtures and sources.md). By default every API answers
 * "no match"; tests add tracks the APIs know and inject failures per source.
 */
public final class ApiStubs {

    public static final List<String> SOURCES = SimulatorConfig.SOURCES;
    /** The same layout as the simulator's, so a test can use either behind the same base URLs. */
    public static final Map<String, String> PREFIX = ApiSimulator.PREFIX;
    public static final String TOKEN_PATH = ApiSimulator.SPOTIFY_TOKEN_PATH;

    private static WireMockServer server;

    private ApiStubs() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().containerThreads(64).jettyAcceptors(2).extensions(new RateGate()));
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
        s.stubFor(post(urlPathEqualTo(TOKEN_PATH)).willReturn(okJson(
                "{\"access_token\":\"test-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("spotify") + "/search")).atPriority(10).willReturn(okJson(
                "{\"tracks\":{\"href\":\"x\",\"items\":[],\"limit\":10,\"next\":null,\"offset\":0,\"previous\":null,\"total\":0}}")));
        s.stubFor(get(urlPathMatching(PREFIX.get("spotify") + "/tracks/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"status\":404,\"message\":\"Not found.\"}}")));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("musicbrainz") + "/recording")).atPriority(10).willReturn(okJson(
                "{\"created\":\"2026-01-01T00:00:00.000Z\",\"count\":0,\"offset\":0,\"recordings\":[]}")));
        s.stubFor(get(urlPathMatching(PREFIX.get("musicbrainz") + "/isrc/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"Not Found\",\"help\":\"\"}")));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("discogs") + "/database/search")).atPriority(10).willReturn(okJson(
                "{\"pagination\":{\"page\":1,\"pages\":1,\"per_page\":10,\"items\":0,\"urls\":{}},\"results\":[]}")));
        s.stubFor(get(urlPathMatching(PREFIX.get("discogs") + "/releases/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Release not found.\"}")));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("lastfm") + "/")).atPriority(10).willReturn(okJson(
                "{\"error\":6,\"message\":\"Track not found\",\"links\":[]}")));
        s.stubFor(get(urlPathMatching(PREFIX.get("acousticbrainz") + "/.*")).atPriority(10).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"Not found\"}")));
        s.stubFor(get(urlPathEqualTo(PREFIX.get("getsongbpm") + "/search/")).atPriority(10).willReturn(okJson(
                "{\"search\":{\"error\":\"no result\"}}")));
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
        switch (source) {
            case "spotify" -> s.stubFor(get(urlPathEqualTo(PREFIX.get(source) + "/search"))
                    .withQueryParam("q", containing("artist:\"" + t.artist() + "\""))
                    .atPriority(5).willReturn(okJson(spotifySearch(t))));
            case "musicbrainz" -> s.stubFor(get(urlPathEqualTo(PREFIX.get(source) + "/recording"))
                    .withQueryParam("query", containing("artist:\"" + t.artist() + "\""))
                    .atPriority(5).willReturn(okJson(musicbrainzSearch(t))));
            case "discogs" -> {
                s.stubFor(get(urlPathEqualTo(PREFIX.get(source) + "/database/search"))
                        .withQueryParam("artist", equalTo(t.artist()))
                        .atPriority(5).willReturn(okJson(discogsSearch(t))));
                s.stubFor(get(urlPathEqualTo(PREFIX.get(source) + "/releases/" + discogsReleaseId(t)))
                        .atPriority(5).willReturn(okJson(discogsRelease(t))));
            }
            case "lastfm" -> s.stubFor(get(urlPathEqualTo(PREFIX.get(source) + "/"))
                    .withQueryParam("method", equalTo("track.getInfo"))
                    .withQueryParam("artist", equalTo(t.artist()))
                    .atPriority(5).willReturn(okJson(lastfmInfo(t))));
            case "acousticbrainz" -> s.stubFor(get(urlPathEqualTo(PREFIX.get(source) + "/" + t.mbid() + "/low-level"))
                    .atPriority(5).willReturn(okJson(acousticbrainzLowLevel())));
            case "getsongbpm" -> s.stubFor(get(urlPathEqualTo(PREFIX.get(source) + "/search/"))
                    .withQueryParam("lookup", equalTo("song:" + t.title() + " artist:" + t.artist()))
                    .atPriority(5).willReturn(okJson(getsongbpmSearch(t))));
            default -> throw new IllegalArgumentException(source);
        }
    }

    /** Every call to this API (all its endpoints) gets this answer. */
    public static void answerAll(String source, ResponseDefinitionBuilder response) {
        server().stubFor(any(urlPathMatching(PREFIX.get(source) + "/.*")).atPriority(1).willReturn(response));
    }

    public static ResponseDefinitionBuilder serverError() {
        return aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>500 Internal Server Error</h1></body></html>");
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

    // --- bodies in each API's wire format ---

    public static String spotifySearch(TestTrack t) {
        return """
                {"tracks":{"href":"https://api.spotify.com/v1/search","items":[{"album":{"album_type":"single","id":"alb%s",
                "images":[{"height":640,"url":"https://i.scdn.co/image/%s","width":640}],"name":"%s (Single)","release_date":"2014-01-01",
                "type":"album"},"artists":[{"id":"art%s","name":"%s","type":"artist"}],"duration_ms":%d,"explicit":false,
                "external_ids":{"isrc":"%s"},"id":"%s","name":"%s","popularity":71,"type":"track","uri":"spotify:track:%s"}],
                "limit":10,"next":null,"offset":0,"previous":null,"total":1}}
                """.formatted(t.spotifyId(), t.spotifyId(), t.title(), t.spotifyId(), t.artist(), t.durationMs(), t.isrc(),
                t.spotifyId(), t.title(), t.spotifyId());
    }

    public static String musicbrainzSearch(TestTrack t) {
        return """
                {"created":"2026-01-01T00:00:00.000Z","count":1,"offset":0,"recordings":[{"id":"%s","score":100,"title":"%s",
                "length":%d,"video":null,"artist-credit":[{"name":"%s","artist":{"id":"a-%s","name":"%s","sort-name":"%s"}}],
                "first-release-date":"2014-01-01","isrcs":["%s"],"releases":[{"id":"r-%s","title":"%s","status":"Official",
                "date":"2014-01-01","country":"GB"}]}]}
                """.formatted(t.mbid(), t.title(), t.durationMs(), t.artist(), t.mbid(), t.artist(), t.artist(), t.isrc(),
                t.mbid(), t.title());
    }

    public static String discogsSearch(TestTrack t) {
        return """
                {"pagination":{"page":1,"pages":1,"per_page":10,"items":1,"urls":{}},"results":[{"id":%d,"type":"release",
                "title":"%s - %s","year":"2014","country":"UK","format":["Vinyl"],"label":["Test Label"],"genre":["Electronic"],
                "style":["House"],"catno":"TL 001","master_id":0,"resource_url":"https://api.discogs.com/releases/1"}]}
                """.formatted(discogsReleaseId(t), t.artist(), t.title());
    }

    public static long discogsReleaseId(TestTrack t) {
        return Math.abs((long) t.mbid().hashCode());
    }

    /** GET /releases/{id}: the release the search found, with the track on its tracklist. */
    public static String discogsRelease(TestTrack t) {
        return """
                {"id":%d,"status":"Accepted","year":2014,"title":"%s","artists":[{"name":"%s","anv":"","join":"","role":"","tracks":"",
                "id":1,"resource_url":"https://api.discogs.com/artists/1"}],"labels":[{"name":"Test Label","catno":"TL 001","entity_type":"1",
                "id":5,"resource_url":"https://api.discogs.com/labels/5"}],"country":"UK","released":"2014-03-00","genres":["Electronic"],
                "styles":["House"],"tracklist":[{"position":"A","type_":"track","title":"%s","duration":"%d:%02d"},
                {"position":"B","type_":"track","title":"%s (Dub)","duration":""}]}
                """.formatted(discogsReleaseId(t), t.title(), t.artist(), t.title(), t.durationMs() / 60000, t.durationMs() / 1000 % 60,
                t.title());
    }

    static String lastfmInfo(TestTrack t) {
        return """
                {"track":{"name":"%s","mbid":"","url":"https://www.last.fm/music/x","duration":"%d","listeners":"1234",
                "playcount":"56789","artist":{"name":"%s","mbid":""},"toptags":{"tag":[{"name":"house","url":"x"},{"name":"dance","url":"y"}]}}}
                """.formatted(t.title(), t.durationMs(), t.artist());
    }

    static String acousticbrainzLowLevel() {
        return """
                {"rhythm":{"bpm":124.02},"tonal":{"key_key":"A","key_scale":"minor","key_strength":0.61},"metadata":{}}
                """;
    }

    static String getsongbpmSearch(TestTrack t) {
        return """
                {"search":[{"id":"gsb%s","title":"%s","uri":"x","tempo":"124","time_sig":"4/4","key_of":"Am","open_key":"1m",
                "danceability":70,"acousticness":5,"artist":{"id":"x","name":"%s","uri":"x","genres":["house"],"from":"GB","mbid":""},
                "album":{"title":"x","uri":"x","year":"2014"}}]}
                """.formatted(t.spotifyId(), t.title(), t.artist());
    }
}
