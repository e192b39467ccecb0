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
