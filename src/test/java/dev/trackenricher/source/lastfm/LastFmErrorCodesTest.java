package dev.trackenricher.source.lastfm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Last.fm's error codes arrive in the body, with HTTP 200: each gives its outcome through a real run. */
class LastFmErrorCodesTest extends IntegrationTest {

    @ParameterizedTest(name = "error {0} → {1}")
    @CsvSource({"6, not_found", "29, rate_limited", "8, rate_limited", "11, rate_limited", "16, rate_limited"})
    void errorCodesInABodyWithHttp200(int code, String outcome) throws Exception {
        TestTrack t = TestTrack.numbered(500 + code);
        ApiStubs.knowEverywhere(t);
        ApiStubs.answerAll("lastfm", okJson("{\"error\":" + code + ",\"message\":\"Last.fm says " + code + "\",\"links\":[]}"));
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("lastfm", outcome).containsEntry("spotify", "found");
        assertThat(stops.stoppedReason("lastfm")).isEmpty();
        // a retriable answer is no failure of Last.fm's: its breaker does not count it
        assertThat(breakers.breaker("lastfm").getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat((Boolean) status(id).get("is_retriable")).isEqualTo(outcome.equals("rate_limited"));
    }

    @ParameterizedTest(name = "error {0} stops Last.fm")
    @CsvSource({"10, Invalid API key - You must be granted a valid key by last.fm", "26, Suspended API key - Access for your account has been suspended"})
    void invalidOrSuspendedKeyStopsTheSourceAndHealthSaysWhy(int code, String message) throws Exception {
        ApiStubs.answerAll("lastfm", aResponse().withStatus(code == 10 ? 403 : 200).withHeader("Content-Type", "application/json")
                .withBody("{\"error\":" + code + ",\"message\":\"" + message + "\"}"));
        TestTrack first = TestTrack.numbered(520 + code);
        ApiStubs.knowEverywhere(first);
        UUID one = addTracks(List.of(first)).get(0);

        runEnrich(null);

        assertThat(outcomes(one)).containsEntry("lastfm", "failed");
        assertThat(error(one, "lastfm")).isEqualTo("Last.fm error " + code + ": " + message);
        JsonNode health = new Http(port).get("/health").json().path("api_clients").path("lastfm");
        assertThat(health.path("stopped").asText()).isEqualTo("Last.fm error " + code + ": " + message);

        int calls = ApiStubs.count("lastfm");
        UUID two = addTracks(List.of(TestTrack.numbered(540 + code))).get(0);
        runEnrich(null);
        assertThat(outcomes(two)).containsEntry("lastfm", "skipped");
        assertThat(error(two, "lastfm")).isEqualTo("stopped: Last.fm error " + code + ": " + message);
        assertThat(ApiStubs.count("lastfm")).as("no call after the stop").isEqualTo(calls);

        // an operator's reset lifts the stop
        resetSource("lastfm");
        assertThat(new Http(port).get("/health").json().path("api_clients").path("lastfm").path("stopped").isNull()).isTrue();
    }

    @Test
    void getTopTagsIsAskedOnlyWhenGetInfoHasNoTags() throws Exception {
        TestTrack withTags = TestTrack.numbered(560);
        ApiStubs.knowEverywhere(withTags);
        UUID id = addTracks(List.of(withTags)).get(0);
        runEnrich(null);
        assertThat(ApiStubs.requests("lastfm")).extracting(r -> r.queryParameter("method").firstValue()).containsExactly("track.getInfo");
        assertThat(outcomes(id)).containsEntry("lastfm", "found");

        ApiStubs.reset();
        TestTrack noTags = TestTrack.numbered(561);
        ApiStubs.knowEverywhere(noTags);
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("lastfm") + "/"))
                .withQueryParam("method", equalTo("track.getInfo")).atPriority(3)
                .willReturn(okJson("{\"track\":{\"name\":\"" + noTags.title() + "\",\"mbid\":\"\",\"duration\":\"0\",\"listeners\":\"5\","
                        + "\"playcount\":\"9\",\"artist\":{\"name\":\"" + noTags.artist() + "\"},\"toptags\":{\"tag\":[]}}}")));
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("lastfm") + "/"))
                .withQueryParam("method", equalTo("track.getTopTags")).atPriority(3)
                .willReturn(okJson("{\"toptags\":{\"tag\":[{\"count\":100,\"name\":\"deep house\"},{\"count\":3,\"name\":\"seen live\"}],"
                        + "\"@attr\":{\"artist\":\"x\",\"track\":\"y\"}}}")));
        UUID id2 = addTracks(List.of(noTags)).get(0);
        runEnrich(null);

        assertThat(ApiStubs.requests("lastfm")).extracting(r -> r.queryParameter("method").firstValue())
                .containsExactlyInAnyOrder("track.getInfo", "track.getTopTags");
        assertThat(jdbc.queryForObject("SELECT metadata->>'lastfm_tags' FROM tracks WHERE id = ?", String.class, id2))
                .isEqualTo("[\"deep house\"]");
    }
}
