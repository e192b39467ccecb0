package dev.trackenricher.credentials;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.LogCapture;
import dev.trackenricher.support.TestTrack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Source credentials: rotated without a restart (PUT /sources/{name}/credentials, table
 * source_credentials, read by the clients at every call through a short cache); never logged and
 * never returned by any endpoint, even when an API echoes them back in an error.
 */
class SourceCredentialsTest extends IntegrationTest {

    static final String ROTATED_DISCOGS = "rotated-discogs-token-SHOULD-NOT-LEAK";
    static final String ROTATED_SECRET = "rotated-spotify-secret-SHOULD-NOT-LEAK";

    @Autowired
    CamelContext camel;
    @Autowired
    CredentialStore credentials;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterEach
    void backToConfiguration() {
        for (String source : List.of("spotify", "discogs", "lastfm", "getsongbpm")) {
            assertThat(http.delete("/sources/" + source + "/credentials").status()).isEqualTo(200);
        }
    }

    @Test
    void aDiscogsTokenChangeTakesEffectOnTheNextCallWithoutARestart() throws Exception {
        TestTrack first = TestTrack.numbered(9101);
        TestTrack second = TestTrack.numbered(9102);
        ApiStubs.knowEverywhere(first);
        ApiStubs.knowEverywhere(second);
        UUID one = addTracks(List.of(first)).get(0);
        runEnrich(null);
        assertThat(discogsTokens()).containsOnly("test-discogs-token-SHOULD-NOT-LEAK");

        Http.Answer put = http.put("/sources/discogs/credentials", "{\"token\": \"" + ROTATED_DISCOGS + "\"}");

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("credentials").get(0).path("name").asText()).isEqualTo("token");
        assertThat(put.json().path("credentials").get(0).path("from").asText()).isEqualTo("api");
        assertThat(put.body()).doesNotContain(ROTATED_DISCOGS);
        ApiStubs.server().resetRequests();
        UUID two = addTracks(List.of(second)).get(0);
        runEnrich(null);
        assertThat(discogsTokens()).as("the very next call sends the new token").containsOnly(ROTATED_DISCOGS);
        assertThat(outcomes(two)).containsEntry("discogs", "found");
        assertThat(outcomes(one)).containsEntry("discogs", "found");

        Http.Answer back = http.delete("/sources/discogs/credentials");
        assertThat(back.json().path("cleared").asInt()).isEqualTo(1);
        assertThat(back.json().path("credentials").get(0).path("from").asText()).isEqualTo("configuration");
    }

    @Test
    void aSourceStoppedForItsOldKeyIsLiftedByTheNewOneAndSpotifyFetchesATokenWithTheNewSecret() throws Exception {
        // Discogs refuses the configured token: the source stops
        ApiStubs.server().stubFor(any(urlPathMatching(ApiStubs.PREFIX.get("discogs") + "/.*")).atPriority(2)
                .withHeader("Authorization", equalTo("Discogs token=test-discogs-token-SHOULD-NOT-LEAK"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"You must authenticate to access this resource.\"}")));
        TestTrack t = TestTrack.numbered(9103);
        ApiStubs.knowEverywhere(t);
        UUID id = addTracks(List.of(t)).get(0);
        runEnrich(null);
        assertThat(stops.stoppedReason("discogs")).isPresent();
        int tokenRequestsBefore = ApiStubs.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo(ApiStubs.TOKEN_PATH))).size();

        assertThat(http.put("/sources/discogs/credentials", "{\"token\": \"" + ROTATED_DISCOGS + "\"}").status()).isEqualTo(200);
        assertThat(http.put("/sources/spotify/credentials", "{\"client_secret\": \"" + ROTATED_SECRET + "\"}").status()).isEqualTo(200);

        assertThat(stops.stoppedReason("discogs")).as("the stop was about the old token").isEmpty();
        assertThat(http.get("/health").json().path("api_clients").path("discogs").path("stopped").isNull()).isTrue();
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = now() WHERE track_id = ?", id);
        TestTrack another = TestTrack.numbered(9107);
        ApiStubs.knowEverywhere(another);
        UUID next = addTracks(List.of(another)).get(0);
        runEnrich(null);
        assertThat(outcomes(id)).containsEntry("discogs", "found");
        assertThat(outcomes(next)).containsEntry("spotify", "found");
        List<LoggedRequest> tokenRequests = ApiStubs.server().findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(
                urlPathEqualTo(ApiStubs.TOKEN_PATH)));
        assertThat(tokenRequests.size()).as("a new Spotify token for the new secret").isGreaterThan(tokenRequestsBefore);
        String basic = tokenRequests.get(tokenRequests.size() - 1).getHeader("Authorization");
        assertThat(new String(Base64.getDecoder().decode(basic.substring("Basic ".length())), StandardCharsets.UTF_8))
                .isEqualTo("test-client-id:" + ROTATED_SECRET);
        JsonNode spotify = http.get("/sources/spotify/credentials").json().path("credentials");
        assertThat(spotify.get(0).path("from").asText()).isEqualTo("configuration");
        assertThat(spotify.get(1).path("from").asText()).isEqualTo("api");
    }

    @Test
    void anotherInstancesRotationReachesThisOneWithinTheRefreshInterval() throws Exception {
        TestTrack t = TestTrack.numbered(9104);
        ApiStubs.knowEverywhere(t);
        credentials.of("discogs"); // read now: the next read from the table is a refresh later
        // what another instance's PUT leaves behind
        jdbc.update("INSERT INTO source_credentials (source, name, value) VALUES ('discogs', 'token', ?)", ROTATED_DISCOGS);

        long start = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> ROTATED_DISCOGS.equals(credentials.of("discogs").token()));
        System.out.printf("credential rotation seen by another instance after %d ms (credentials-refresh 2 s)%n",
                (System.nanoTime() - start) / 1_000_000);
        addTracks(List.of(t));
        runEnrich(null);
        assertThat(discogsTokens()).containsOnly(ROTATED_DISCOGS);
    }

    @Test
    void badCredentialRequestsAreRefusedNamingTheFieldWithoutEchoingTheValue() {
        String secret = "a-secret-value-SHOULD-NOT-LEAK";
        Map<String, String[]> bad = Map.of(
                "{\"tokn\": \"" + secret + "\"}", new String[] {"400", "tokn: not a credential of this source (it takes token)"},
                "{\"token\": 42}", new String[] {"400", "token: must be a string, got number"},
                "{\"token\": \"  \"}", new String[] {"400", "token: must not be empty"},
                "{\"token\": \"" + secret + " x\"}", new String[] {"400", "token: contains a space or a control character"},
                "{\"token\": \"" + "x".repeat(1001) + "\"}", new String[] {"400", "token: is 1001 characters long; at most 1000"},
                "{\"token\": " + secret + "}", new String[] {"400", "body: not valid JSON"},
                "[\"" + secret + "\"]", new String[] {"400", "body: must be a JSON object naming at least one of token"},
                "{}", new String[] {"400", "body: must be a JSON object"});
        bad.forEach((body, expected) -> {
            Http.Answer answer = http.put("/sources/discogs/credentials", body);
            assertThat(answer.status()).as(body).isEqualTo(Integer.parseInt(expected[0]));
            assertThat(answer.json().path("error").asText()).as(body).contains(expected[1]);
            assertThat(answer.body()).as(body).doesNotContain(secret);
        });
        Http.Answer noKey = http.put("/sources/musicbrainz/credentials", "{\"token\": \"x\"}");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().path("error").asText()).isEqualTo("name: musicbrainz takes no credentials");
        Http.Answer unknown = http.put("/sources/deezer/credentials", "{\"token\": \"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("error").asText()).startsWith("no source \"deezer\"; sources: acousticbrainz, discogs");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM source_credentials", Integer.class)).isZero();
    }

    @Test
    void credentialsAreNeverLoggedNorReturnedEvenWhenAnApiEchoesThem() throws Exception {
        List<String> secrets = List.of("test-client-id", "test-client-secret-SHOULD-NOT-LEAK", "test-discogs-token-SHOULD-NOT-LEAK",
                "test-lastfm-key-SHOULD-NOT-LEAK", "test-getsongbpm-key-SHOULD-NOT-LEAK", ROTATED_DISCOGS, ROTATED_SECRET,
                Http.TEST_TOKEN, Base64.getEncoder().encodeToString(("test-client-id:test-client-secret-SHOULD-NOT-LEAK").getBytes()));
        List<TestTrack> tracks = List.of(TestTrack.numbered(9105), TestTrack.numbered(9106));
        tracks.forEach(ApiStubs::knowEverywhere);
        List<UUID> ids = addTracks(tracks);
        String found = ids.get(0).toString();
        try (LogCapture logs = LogCapture.start(true)) {
            // every API answers with an error that quotes our request back: URL (keys in the query) and headers
            echoEverything();
            runEnrich(null);
            // a rotation and a second round, so the new values have been in flight too
            assertThat(http.put("/sources/discogs/credentials", "{\"token\": \"" + ROTATED_DISCOGS + "\"}").status()).isEqualTo(200);
            assertThat(http.put("/sources/spotify/credentials", "{\"client_secret\": \"" + ROTATED_SECRET + "\"}").status()).isEqualTo(200);
            resetSources();
            jdbc.update("UPDATE enrichment_status SET next_attempt_at = now()");
            runEnrich(null);
            assertThat(error(ids.get(0), "discogs")).as("the echo reached the stored error, redacted").contains(Redactor.MASK);

            List<String> answers = new ArrayList<>();
            for (String path : everyReadPath(found)) {
                Http.Answer answer = http.get(path);
                answers.add(path + " -> " + answer.status() + " " + answer.body());
            }
            String everything = String.join("\n", answers);
            assertThat(answers).as("GET endpoints scanned").hasSizeGreaterThan(8);
            String logged = logs.text();
            assertThat(logged).as("the run was logged, at DEBUG too").contains("discogs").isNotEmpty();
            for (String secret : secrets) {
                assertThat(everything).as("answers must not contain " + secret).doesNotContain(secret);
                assertThat(logged).as("logs must not contain " + secret).doesNotContain(secret);
            }
            for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                    + "AND table_type = 'BASE TABLE' AND table_name <> 'source_credentials'", String.class)) {
                String rows = jdbc.queryForObject("SELECT coalesce(string_agg(t::text, '|'), '') FROM \"" + table + "\" t", String.class);
                for (String secret : secrets) {
                    assertThat(rows).as(table + " must not hold " + secret).doesNotContain(secret);
                }
            }
            System.out.printf("credential leak scan: %d GET answers (%d chars), %d log lines, %d secrets looked for%n", answers.size(),
                    everything.length(), logs.lines().size(), secrets.size());
        }
    }

    /** Every API quotes the request back in an error: the URL with its query, and every header. */
    private static void echoEverything() {
        // the Authorization header first: error texts keep the first 120 characters of a body
        String echo = "authorization={{request.headers.Authorization}} request {{request.method}} {{request.url}} "
                + "all={{#each request.headers as |v k|}}{{k}}:{{v}};{{/each}}";
        ApiStubs.server().stubFor(post(urlPathEqualTo(ApiStubs.TOKEN_PATH)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("{\"error\":\"invalid_client\",\"error_description\":\"" + echo + "\"}")
                .withTransformers("response-template")));
        ApiStubs.answerAll("discogs", aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"bad token: " + echo + "\"}").withTransformers("response-template"));
        ApiStubs.answerAll("lastfm", aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": 10, \"message\": \"Invalid API key - " + echo + "\"}").withTransformers("response-template"));
        ApiStubs.answerAll("getsongbpm", aResponse().withStatus(500).withHeader("Content-Type", "text/html")
                .withBody("<html><body>" + echo + "</body></html>").withTransformers("response-template"));
        ApiStubs.answerAll("musicbrainz", aResponse().withStatus(503).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                .withBody("{\"error\": \"" + echo + "\"}").withTransformers("response-template"));
        ApiStubs.server().stubFor(get(urlPathMatching(ApiStubs.PREFIX.get("spotify") + "/.*")).atPriority(1)
                .willReturn(okJson("{\"tracks\":{\"items\":[]}}")));
    }

    /** GET paths of every REST endpoint Camel serves (path parameters filled in) and of the exposed actuator endpoints. */
    private List<String> everyReadPath(String trackId) {
        List<String> paths = new ArrayList<>();
        for (RestRegistry.RestService s : camel.getRestRegistry().listAllRestServices()) {
            if (!s.getMethod().equalsIgnoreCase("GET")) {
                continue;
            }
            String template = ((s.getBasePath() == null ? "" : s.getBasePath()) + "/" + (s.getUriTemplate() == null ? "" : s.getUriTemplate()))
                    .replaceAll("/+", "/");
            if (template.length() > 1 && template.endsWith("/")) {
                template = template.substring(0, template.length() - 1);
            }
            if (template.contains("{name}")) {
                for (String source : sources.sources().keySet()) {
                    paths.add(template.replace("{name}", source));
                }
            } else {
                paths.add(template.replaceAll("\\{[^}]*}", trackId));
            }
        }
        JsonNode links = http.get("/actuator").json().path("_links");
        links.fieldNames().forEachRemaining(name -> {
            String href = links.path(name).path("href").asText();
            if (!links.path(name).path("templated").asBoolean()) {
                paths.add(href.substring(href.indexOf("/actuator")));
            }
        });
        JsonNode meterNames = http.get("/actuator/metrics").json().path("names");
        meterNames.forEach(n -> paths.add("/actuator/metrics/" + n.asText()));
        return paths;
    }

    private static List<String> discogsTokens() {
        return ApiStubs.requests("discogs").stream().map(r -> r.getHeader("Authorization").replace("Discogs token=", "")).distinct().toList();
    }
}
