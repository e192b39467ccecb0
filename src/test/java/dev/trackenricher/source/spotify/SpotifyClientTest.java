package dev.trackenricher.source.spotify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.enrich.SourceHints;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.cache.ApiCache;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.MutableClock;
import dev.trackenricher.support.TestClients;
import dev.trackenricher.support.TestTrack;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Spotify's own rules: the client-credentials token reused until a minute before it expires and
 * fetched again once on a 401; lookup by id, then ISRC, then text search with limit ≤ 10; audio
 * features only when enabled, and a 403 there switches them off without failing Spotify.
 */
class SpotifyClientTest extends IntegrationTest {

    @Autowired
    ObjectMapper json;
    @Autowired
    TrackMatcher matcher;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ApiCache cache;
    @Autowired
    ConfigurableEnvironment environment;
    @Autowired
    SourceHints hints;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));

    /** A client of its own (its own token), with these settings changed. */
    SpotifyClient client(Map<String, Object> settings) {
        return new SpotifyClient(new TestClients(environment, json, matcher, meters).sources(settings, limits, cache), clock);
    }

    /** A fetch as a branch makes it: with the features switched off so far, and the hints of its answer applied after. */
    SourceResult fetchAsABranch(SpotifyClient spotify, SourceRequest request) {
        SourceResult result = spotify.fetch(request.withFeaturesOff(stops.featureNamesOff(SpotifyClient.NAME)));
        hints.apply(result);
        return result;
    }

    static SourceRequest request(TestTrack t) {
        return new SourceRequest(UUID.randomUUID(), t.artist(), t.title(), null, null, t.durationMs(), null, "test");
    }

    static List<LoggedRequest> tokenRequests() {
        return ApiStubs.server().findAll(postRequestedFor(urlPathEqualTo(ApiStubs.TOKEN_PATH)));
    }

    @Test
    void theTokenIsFetchedWithClientCredentialsAndReusedUntilAMinuteBeforeItExpires() {
        SpotifyClient spotify = client(Map.of());
        List<TestTrack> tracks = List.of(TestTrack.numbered(401), TestTrack.numbered(402), TestTrack.numbered(403), TestTrack.numbered(404));
        tracks.forEach(t -> ApiStubs.know("spotify", t));

        assertThat(spotify.fetch(request(tracks.get(0))).outcome()).isEqualTo(Outcome.FOUND);
        assertThat(spotify.fetch(request(tracks.get(1))).outcome()).isEqualTo(Outcome.FOUND);
        assertThat(tokenRequests()).hasSize(1);
        LoggedRequest token = tokenRequests().get(0);
        assertThat(token.getHeader("Authorization")).isEqualTo("Basic " + Base64.getEncoder().encodeToString(
                "test-client-id:test-client-secret-SHOULD-NOT-LEAK".getBytes(StandardCharsets.UTF_8)));
        assertThat(token.getBodyAsString()).isEqualTo("grant_type=client_credentials");
        assertThat(ApiStubs.requests("spotify")).allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer test-token"));

        // expires_in 3600: still reused 59 min 59 s later, i.e. just over a minute before expiry …
        clock.advance(Duration.ofSeconds(3600 - 61));
        spotify.fetch(request(tracks.get(2)));
        assertThat(tokenRequests()).hasSize(1);
        // … and fetched again within the last minute
        clock.advance(Duration.ofSeconds(2));
        spotify.fetch(request(tracks.get(3)));
        assertThat(tokenRequests()).hasSize(2);
    }

    @Test
    void a401FetchesANewTokenOnceAndRetriesOnce() {
        SpotifyClient spotify = client(Map.of());
        TestTrack t = TestTrack.numbered(405);
        ApiStubs.know("spotify", t);
        ApiStubs.server().stubFor(post(urlPathEqualTo(ApiStubs.TOKEN_PATH)).atPriority(1).inScenario("token")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("second")
                .willReturn(okJson("{\"access_token\":\"revoked-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        ApiStubs.server().stubFor(post(urlPathEqualTo(ApiStubs.TOKEN_PATH)).atPriority(1).inScenario("token")
                .whenScenarioStateIs("second")
                .willReturn(okJson("{\"access_token\":\"test-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        ApiStubs.server().stubFor(get(urlPathMatching(ApiStubs.PREFIX.get("spotify") + "/.*")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer revoked-token"))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"status\":401,\"message\":\"The access token expired\"}}")));

        SourceResult result = spotify.fetch(request(t));

        assertThat(result.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(result.fields()).containsEntry("spotify_id", t.spotifyId());
        assertThat(tokenRequests()).hasSize(2);
        assertThat(ApiStubs.requests("spotify")).extracting(r -> r.getHeader("Authorization"))
                .containsExactly("Bearer revoked-token", "Bearer test-token");
    }

    @Test
    void a401AfterTheNewTokenIsAFailureNotALoop() {
        SpotifyClient spotify = client(Map.of());
        ApiStubs.answerAll("spotify", aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"status\":401,\"message\":\"Invalid access token\"}}"));

        assertThatThrownBy(() -> spotify.fetch(request(TestTrack.numbered(406))))
                .isExactlyInstanceOf(SourceFailureException.class).hasMessageContaining("HTTP 401 from spotify");
        assertThat(ApiStubs.count("spotify")).isEqualTo(2);
        assertThat(tokenRequests()).hasSize(2);
    }

    @Test
    void invalidClientCredentialsStopSpotifyAndHealthSaysWhy() throws Exception {
        ApiStubs.answerAll("spotify", aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":{\"status\":401,\"message\":\"Invalid access token\"}}"));
        ApiStubs.server().stubFor(post(urlPathEqualTo(ApiStubs.TOKEN_PATH)).atPriority(1).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\":\"invalid_client\",\"error_description\":\"Invalid client secret\"}")));
        assertThatThrownBy(() -> client(Map.of()).fetch(request(TestTrack.numbered(407))))
                .isInstanceOf(SourceConfigurationException.class).hasMessageContaining("invalid_client (Invalid client secret)");

        // through a run (the service's own client): failed, then stopped, and /health says why
        TestTrack t = TestTrack.numbered(408);
        ApiStubs.knowEverywhere(t);
        UUID first = addTracks(List.of(t)).get(0);
        runEnrich(null);
        assertThat(outcomes(first)).containsEntry("spotify", "failed").containsEntry("musicbrainz", "found");
        JsonNode health = new Http(port).get("/health").json();
        assertThat(health.path("api_clients").path("spotify").path("stopped").asText()).contains("invalid_client");

        int callsBefore = ApiStubs.count("spotify");
        UUID second = addTracks(List.of(TestTrack.numbered(409))).get(0);
        runEnrich(null);
        assertThat(outcomes(second)).containsEntry("spotify", "skipped");
        assertThat(error(second, "spotify")).startsWith("stopped: Spotify token refused: invalid_client");
        assertThat(ApiStubs.count("spotify")).isEqualTo(callsBefore);
    }

    @Test
    void lookupByIdThenIsrcThenSearchWithLimitAtMostTen() {
        SpotifyClient spotify = client(Map.of("enricher.sources.spotify.search-limit", "50"));
        TestTrack t = TestTrack.numbered(410);
        ApiStubs.know("spotify", t);
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("spotify") + "/search")).atPriority(4)
                .withQueryParam("q", equalTo("isrc:" + t.isrc())).willReturn(okJson(ApiStubs.spotifySearch(t))));

        // a stale id (404) falls through to the ISRC search
        SourceResult byIsrc = spotify.fetch(new SourceRequest(UUID.randomUUID(), t.artist(), t.title(), t.isrc(), "0000000000000000000000",
                t.durationMs(), null, "test"));
        assertThat(byIsrc.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(byIsrc.confidence()).isEqualTo(1.0);
        assertThat(ApiStubs.requests("spotify")).extracting(LoggedRequest::getUrl)
                .containsExactly("/spotify/v1/tracks/0000000000000000000000", "/spotify/v1/search?q=isrc%3A" + t.isrc() + "&type=track&limit=10");

        SourceResult bySearch = spotify.fetch(request(t));
        assertThat(bySearch.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(bySearch.confidence()).isGreaterThan(0.95).isLessThanOrEqualTo(1.0);
        LoggedRequest search = ApiStubs.requests("spotify").get(2);
        assertThat(search.queryParameter("q").firstValue()).isEqualTo("track:\"" + t.title() + "\" artist:\"" + t.artist() + "\"");
        // configured 50, sent 10: development-mode apps get HTTP 400 above 10
        assertThat(search.queryParameter("limit").firstValue()).isEqualTo("10");
        assertThat(search.queryParameter("type").firstValue()).isEqualTo("track");
    }

    @Test
    void audioFeaturesAreNotAskedForUnlessEnabled() throws Exception {
        TestTrack t = TestTrack.numbered(411);
        ApiStubs.knowEverywhere(t);
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("spotify", "found");
        assertThat(ApiStubs.requests("spotify")).noneSatisfy(r -> assertThat(r.getUrl()).contains("/audio-features/"));
    }

    @Test
    void enabledAudioFeaturesGiveTempoAndKey() {
        SpotifyClient spotify = client(Map.of("enricher.sources.spotify.audio-features", "true"));
        TestTrack t = TestTrack.numbered(412);
        ApiStubs.know("spotify", t);
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("spotify") + "/audio-features/" + t.spotifyId())).atPriority(5)
                .willReturn(okJson("{\"danceability\":0.647,\"energy\":0.822,\"key\":9,\"mode\":0,\"tempo\":124.02,\"valence\":0.96,"
                        + "\"id\":\"" + t.spotifyId() + "\",\"type\":\"audio_features\"}")));

        SourceResult result = spotify.fetch(request(t));

        assertThat(result.fields()).containsEntry("spotify_id", t.spotifyId()).containsEntry("bpm", 124.0).containsEntry("key", "A minor");
    }

    @Test
    void a403OnAudioFeaturesSwitchesThemOffWithoutFailingSpotify() {
        SpotifyClient spotify = client(Map.of("enricher.sources.spotify.audio-features", "true"));
        TestTrack first = TestTrack.numbered(413);
        TestTrack second = TestTrack.numbered(414);
        ApiStubs.know("spotify", first);
        ApiStubs.know("spotify", second);
        ApiStubs.server().stubFor(get(urlPathMatching(ApiStubs.PREFIX.get("spotify") + "/audio-features/.*")).atPriority(5)
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json").withBody("{\"error\":{\"status\":403}}")));

        SourceResult one = fetchAsABranch(spotify, request(first));
        SourceResult two = fetchAsABranch(spotify, request(second));

        assertThat(one.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(one.fields()).containsEntry("spotify_id", first.spotifyId()).containsEntry("isrc", first.isrc()).doesNotContainKey("bpm");
        assertThat(one.hints()).as("the refusal comes back as a hint, not a call into the guards").singleElement()
                .isInstanceOfSatisfying(dev.trackenricher.source.Hint.FeatureOff.class, h -> assertThat(h.feature()).isEqualTo(SpotifyClient.AUDIO_FEATURES));
        assertThat(two.outcome()).isEqualTo(Outcome.FOUND);
        assertThat(ApiStubs.requests("spotify")).filteredOn(r -> r.getUrl().contains("/audio-features/")).hasSize(1);
        assertThat(breakers.breaker("spotify").getMetrics().getNumberOfFailedCalls()).isZero();
        JsonNode health = new Http(port).get("/health").json();
        assertThat(health.path("api_clients").path("spotify").path("disabled_features").path("audio_features").asText())
                .contains("HTTP 403");
        assertThat(health.path("api_clients").path("spotify").path("stopped").isNull()).isTrue();
    }
}
