package dev.trackenricher.source.discogs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Discogs counts requests in a moving 60 s window and says what is left in
 * X-Discogs-Ratelimit-Remaining: at 0 the source is held back, so we never provoke its 429.
 */
class DiscogsRateLimitTest extends IntegrationTest {

    @Test
    void remainingZeroHoldsDiscogsBackInsteadOfProvokingA429() throws Exception {
        TestTrack first = TestTrack.numbered(601);
        TestTrack second = TestTrack.numbered(602);
        ApiStubs.knowEverywhere(first);
        ApiStubs.knowEverywhere(second);
        // the search leaves 1, the release lookup uses the last one
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("discogs") + "/database/search")).atPriority(4)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("X-Discogs-Ratelimit", "60").withHeader("X-Discogs-Ratelimit-Used", "59")
                        .withHeader("X-Discogs-Ratelimit-Remaining", "1").withBody(ApiStubs.discogsSearch(first))));
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("discogs") + "/releases/" + ApiStubs.discogsReleaseId(first)))
                .atPriority(4).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("X-Discogs-Ratelimit", "60").withHeader("X-Discogs-Ratelimit-Used", "60")
                        .withHeader("X-Discogs-Ratelimit-Remaining", "0").withBody(ApiStubs.discogsRelease(first))));
        UUID one = addTracks(List.of(first)).get(0);

        Instant before = Instant.now();
        runEnrich(null);

        assertThat(outcomes(one)).containsEntry("discogs", "found");
        assertThat(ApiStubs.count("discogs")).isEqualTo(2);
        assertThat(limits.pausedUntil("discogs")).hasValueSatisfying(until -> assertThat(until)
                .isAfterOrEqualTo(before.plus(DiscogsClient.RATE_LIMIT_WINDOW).minusSeconds(1)));
        assertThat(new Http(port).get("/health").json().path("api_clients").path("discogs").path("paused_until").asText()).isNotEmpty();

        // the next track does not ask Discogs until the window has passed (max-permit-wait is 1 s in tests)
        UUID two = addTracks(List.of(second)).get(0);
        runEnrich(null);
        assertThat(outcomes(two)).containsEntry("discogs", "rate_limited").containsEntry("spotify", "found");
        assertThat(error(two, "discogs")).contains("held back until");
        assertThat(ApiStubs.count("discogs")).as("no request while held back").isEqualTo(2);
        assertThat(status(two).get("is_retriable")).isEqualTo(true);
    }

    @Test
    void remainingAboveZeroDoesNotHoldBack() throws Exception {
        TestTrack t = TestTrack.numbered(603);
        ApiStubs.knowEverywhere(t);
        ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("discogs") + "/database/search")).atPriority(4)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withHeader("X-Discogs-Ratelimit-Remaining", "25").withBody(ApiStubs.discogsSearch(t))));
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("discogs", "found");
        assertThat(limits.pausedUntil("discogs")).isEmpty();
    }

    @Test
    void a429WithoutRetryAfterWaitsOutTheWindow() throws Exception {
        ApiStubs.answerAll("discogs", aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                .withHeader("X-Discogs-Ratelimit-Remaining", "0").withBody("{\"message\": \"You are making requests too quickly.\"}"));
        TestTrack t = TestTrack.numbered(604);
        ApiStubs.knowEverywhere(t);
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("discogs", "rate_limited");
        assertThat(error(id, "discogs")).contains("You are making requests too quickly");
        assertThat(limits.pausedUntil("discogs")).hasValueSatisfying(until ->
                assertThat(Duration.between(Instant.now(), until)).isGreaterThan(Duration.ofSeconds(50)));
        assertThat(breakers.breaker("discogs").getMetrics().getNumberOfFailedCalls()).isZero();
    }
}
