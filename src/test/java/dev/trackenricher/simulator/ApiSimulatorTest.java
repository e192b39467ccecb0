package dev.trackenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator speaks the APIs' formats and catches a client that exceeds a limit. */
class ApiSimulatorTest {

    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    ApiSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void musicBrainzAnswers503PastOneRequestPerSecond() throws Exception {
        sim = start(SimulatorConfig.realistic().all(b -> b.withLatency(Latency.NONE)));
        String url = sim.baseUrl("musicbrainz") + "/recording?fmt=json&query=" + enc("artist:\"Queen\" AND recording:\"Bohemian Rhapsody\"");

        HttpResponse<String> first = get(url, "test/1.0 ( test@example.org )");
        HttpResponse<String> second = get(url, "test/1.0 ( test@example.org )");

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode recordings = json.readTree(first.body()).path("recordings");
        assertThat(recordings.get(0).path("title").asText()).isEqualTo("Bohemian Rhapsody");
        assertThat(recordings.get(0).path("length").asInt()).isEqualTo(354000);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.body()).contains("exceeding the allowable rate limit");
        assertThat(sim.log().answers("musicbrainz", "limited")).isEqualTo(1);
        Thread.sleep(1100);
        assertThat(get(url, "test/1.0 ( test@example.org )").statusCode()).isEqualTo(200);
    }

    @Test
    void lastFmSaysRateLimitInsideA200AndSpotify429WithRetryAfter() throws Exception {
        sim = start(SimulatorConfig.realistic().all(b -> b.withLatency(Latency.NONE)));
        String lastfm = sim.baseUrl("lastfm") + "/?method=track.getInfo&artist=Queen&track=" + enc("Bohemian Rhapsody")
                + "&api_key=k&format=json";
        HttpResponse<String> last = null;
        for (int i = 0; i < 5 * 300 + 1; i++) {
            last = get(lastfm, "t");
        }
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(json.readTree(last.body()).path("error").asInt()).isEqualTo(29);

        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(sim.tokenUrl()))
                .header("Authorization", "Basic c2ltOnNpbQ==").POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String bearer = json.readTree(token.body()).path("access_token").asText();
        HttpResponse<String> r = null;
        for (int i = 0; i < 10 * 30 + 1; i++) {
            r = http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl("spotify") + "/search?type=track&limit=10&q="
                    + enc("track:\"Happy\" artist:\"Pharrell Williams\""))).header("Authorization", "Bearer " + bearer).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void searchesMixTheTrackWithNearMissesAndUnknownTracksGetOnlyNearMisses() throws Exception {
        sim = start(SimulatorConfig.realistic().all(b -> b.withLatency(Latency.NONE).withLimit(false)));
        String found = get(sim.baseUrl("musicbrainz") + "/recording?fmt=json&query="
                + enc("artist:\"Daft Punk\" AND recording:\"One More Time\""), "t/1 ( x )").body();
        JsonNode recordings = json.readTree(found).path("recordings");
        assertThat(recordings.size()).isGreaterThan(1);
        assertThat(recordings.findValuesAsText("title")).contains("One More Time");
        assertThat(recordings.findValuesAsText("title").stream().filter(t -> !t.equals("One More Time"))).isNotEmpty();

        String unknown = get(sim.baseUrl("getsongbpm") + "/search/?type=both&api_key=k&lookup="
                + enc("song:No Such Song artist:Nobody"), "t").body();
        assertThat(json.readTree(unknown).path("search").path("error").asText()).isEqualTo("no result");
    }

    @Test
    void failuresComeInTheConfiguredKinds() throws Exception {
        sim = start(SimulatorConfig.realistic().all(b -> b.withLatency(Latency.NONE).withLimit(false)
                .withFailures(1.0, List.of(Fault.HTML))));
        HttpResponse<String> r = get(sim.baseUrl("discogs") + "/database/search?artist=Queen&track=x", "t");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/html");
        assertThat(sim.log().answers("discogs", "fault_html")).isEqualTo(1);
    }

    @Test
    void theCatalogueIsTheSameForTheSameSeed() throws Exception {
        SimulatorConfig c = SimulatorConfig.realistic().withSyntheticTracks(50);
        Catalogue a = ApiSimulator.catalogue(c, Path.of("sample-data/tracks.csv"));
        Catalogue b = ApiSimulator.catalogue(c, Path.of("sample-data/tracks.csv"));
        assertThat(a.all()).isEqualTo(b.all());
        assertThat(a.all()).hasSize(254 + 50);
        long knownBySpotify = a.all().stream().filter(t -> a.knows("spotify", t)).count();
        assertThat(knownBySpotify).isBetween(260L, 304L);
    }

    @Test
    void halfTheTracksHaveAnIsrcAndAlbumTracksShareARelease() throws Exception {
        Catalogue c = ApiSimulator.catalogue(SimulatorConfig.realistic().withSyntheticTracks(2000), Path.of("sample-data/tracks.csv"));
        long withIsrc = c.all().stream().filter(t -> t.isrc() != null).count();
        assertThat(withIsrc).isBetween(c.all().size() * 45L / 100, c.all().size() * 55L / 100);
        java.util.Map<Long, List<Catalogue.SimTrack>> albums = c.all().stream()
                .collect(java.util.stream.Collectors.groupingBy(Catalogue.SimTrack::discogsId));
        long onSharedRelease = albums.values().stream().filter(a -> a.size() > 1).mapToLong(List::size).sum();
        assertThat(onSharedRelease).as("tracks on an album with others").isGreaterThan(c.all().size() / 2);
        assertThat(albums.values()).allSatisfy(a -> {
            assertThat(a.stream().map(Catalogue.SimTrack::artist).distinct()).hasSize(1);
            assertThat(a.stream().map(Catalogue.SimTrack::albumTitle).distinct()).hasSize(1);
            assertThat(a).hasSizeLessThanOrEqualTo(Catalogue.MAX_ALBUM);
        });

        // the release of an album track lists every track of the album
        sim = start(SimulatorConfig.realistic().withSyntheticTracks(200).all(b -> b.withLatency(Latency.NONE).withLimit(false).withKnownFraction(1.0)));
        List<Catalogue.SimTrack> album = sim.catalogue().all().stream()
                .collect(java.util.stream.Collectors.groupingBy(Catalogue.SimTrack::discogsId)).values().stream()
                .filter(a -> a.size() >= 3).findFirst().orElseThrow();
        JsonNode release = json.readTree(http.send(HttpRequest.newBuilder(URI.create(sim.baseUrl("discogs") + "/releases/" + album.get(0).discogsId()))
                .header("Authorization", "Discogs token=t").build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(release.path("title").asText()).isEqualTo(album.get(0).albumTitle());
        assertThat(release.path("tracklist").findValuesAsText("title")).containsAll(album.stream().map(Catalogue.SimTrack::title).toList());
    }

    @Test
    void musicBrainzAnswersASearchForTwentyFiveIsrcsAsOneRequestPagedByOffset() throws Exception {
        sim = start(SimulatorConfig.realistic().all(b -> b.withLatency(Latency.NONE)).source("musicbrainz", b -> b.withKnownFraction(1.0)));
        List<Catalogue.SimTrack> tracks = sim.catalogue().all().stream().filter(t -> t.isrc() != null).limit(25).toList();
        String query = enc(String.join(" OR ", tracks.stream().map(t -> "isrc:" + t.isrc()).toList()));
        long liveTakes = tracks.stream().filter(sim.catalogue()::isrcAlsoOnLiveTake).count();

        JsonNode first = json.readTree(get(sim.baseUrl("musicbrainz") + "/recording?fmt=json&limit=20&query=" + query, "t/1 ( x )").body());
        Thread.sleep(1100);
        JsonNode second = json.readTree(get(sim.baseUrl("musicbrainz") + "/recording?fmt=json&limit=20&offset=20&query=" + query,
                "t/1 ( x )").body());

        assertThat(first.path("count").asInt()).as("each ISRC's recording, and the live takes some ISRCs are on too")
                .isEqualTo(25 + (int) liveTakes);
        assertThat(first.path("recordings").size()).isEqualTo(20);
        assertThat(second.path("offset").asInt()).isEqualTo(20);
        assertThat(second.path("recordings").size()).isEqualTo(5 + (int) liveTakes);
        List<JsonNode> hits = new java.util.ArrayList<>();
        first.path("recordings").forEach(hits::add);
        second.path("recordings").forEach(hits::add);
        for (Catalogue.SimTrack t : tracks) {
            assertThat(hits).filteredOn(h -> h.path("isrcs").get(0).asText().equals(t.isrc()) && h.path("title").asText().equals(t.title()))
                    .extracting(h -> h.path("id").asText()).as(t.title()).containsExactly(t.mbid());
        }
        assertThat(sim.log().total("musicbrainz")).as("each search one request against the limit").isEqualTo(2);
        assertThat(sim.log().answers("musicbrainz", "limited")).isZero();
    }

    @Test
    void musicBrainzLooksUpSeveralSpotifyUrlsAtOnce() throws Exception {
        sim = start(SimulatorConfig.realistic().all(b -> b.withLatency(Latency.NONE).withLimit(false)));
        List<Catalogue.SimTrack> linked = sim.catalogue().all().stream().filter(sim.catalogue()::spotifyLinked).limit(3).toList();
        Catalogue.SimTrack unlinked = sim.catalogue().all().stream().filter(t -> !sim.catalogue().spotifyLinked(t)).findFirst().orElseThrow();
        StringBuilder url = new StringBuilder(sim.baseUrl("musicbrainz") + "/url?inc=recording-rels&fmt=json");
        for (Catalogue.SimTrack t : List.of(linked.get(0), unlinked, linked.get(1), linked.get(2))) {
            url.append("&resource=").append(enc("https://open.spotify.com/track/" + t.spotifyId()));
        }

        JsonNode many = json.readTree(get(url.toString(), "t/1 ( x )").body());
        HttpResponse<String> one = get(sim.baseUrl("musicbrainz") + "/url?inc=recording-rels&fmt=json&resource="
                + enc("https://open.spotify.com/track/" + linked.get(0).spotifyId()), "t/1 ( x )");
        HttpResponse<String> none = get(sim.baseUrl("musicbrainz") + "/url?inc=recording-rels&fmt=json&resource="
                + enc("https://open.spotify.com/track/" + unlinked.spotifyId()), "t/1 ( x )");

        assertThat(many.path("url-count").asInt()).isEqualTo(3);
        assertThat(many.path("urls").findValuesAsText("resource")).containsExactly(linked.stream()
                .map(t -> "https://open.spotify.com/track/" + t.spotifyId()).toArray(String[]::new));
        assertThat(many.path("urls").get(1).path("relations").get(0).path("recording").path("id").asText()).isEqualTo(linked.get(1).mbid());
        assertThat(json.readTree(one.body()).path("relations").get(0).path("recording").path("id").asText()).isEqualTo(linked.get(0).mbid());
        assertThat(none.statusCode()).isEqualTo(404);
    }

    @Test
    void acousticBrainzAnswersUpTo25RecordingsInOneRequestLeavingUnknownOnesOut() throws Exception {
        sim = start(SimulatorConfig.realistic().all(b -> b.withLatency(Latency.NONE)));
        List<Catalogue.SimTrack> tracks = sim.catalogue().all().subList(0, 25);
        String ids = String.join(";", tracks.stream().map(Catalogue.SimTrack::mbid).toList());

        HttpResponse<String> bulk = get(sim.baseUrl("acousticbrainz") + "/low-level?recording_ids=" + enc(ids), "t");
        Thread.sleep(1100);
        HttpResponse<String> tooMany = get(sim.baseUrl("acousticbrainz") + "/low-level?recording_ids="
                + enc(ids + ";" + sim.catalogue().all().get(30).mbid()), "t");

        assertThat(bulk.statusCode()).isEqualTo(200);
        JsonNode answer = json.readTree(bulk.body());
        for (Catalogue.SimTrack t : tracks) {
            boolean knows = sim.catalogue().knows("acousticbrainz", t);
            assertThat(answer.has(t.mbid())).as(t.title()).isEqualTo(knows);
            if (knows) {
                assertThat(answer.path(t.mbid()).path("0").path("rhythm").path("bpm").asDouble()).isEqualTo(t.bpm() + 0.013);
            }
        }
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(sim.log().total("acousticbrainz")).as("one request each against the limit").isEqualTo(2);
    }

    private ApiSimulator start(SimulatorConfig config) throws Exception {
        return ApiSimulator.start(config, ApiSimulator.catalogue(config, Path.of("sample-data/tracks.csv")));
    }

    private HttpResponse<String> get(String url, String agent) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("User-Agent", agent).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
