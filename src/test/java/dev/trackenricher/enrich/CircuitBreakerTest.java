package dev.trackenricher.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Spotify's breaker: opens after 5 failures, short-circuits without calls, closes after its open period and 2 successes. */
@TestPropertySource(properties = "enricher.sources.spotify.breaker.wait-duration-in-open-state=2s")
class CircuitBreakerTest extends IntegrationTest {

    @Test
    void opensAfterFiveFailuresShortCircuitsThenClosesAfterTwoSuccesses() throws Exception {
        List<TestTrack> tracks = IntStream.rangeClosed(10, 18).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        ApiStubs.answerAll("spotify", ApiStubs.serverError());
        List<UUID> ids = addTracks(tracks);

        // one track per run, so the order of calls is the order of tracks
        for (int i = 0; i < 7; i++) {
            runEnrich(1);
        }

        assertThat(ApiStubs.count("spotify")).as("calls that reached Spotify").isEqualTo(5);
        for (UUID id : ids.subList(0, 5)) {
            assertThat(outcomes(id)).containsEntry("spotify", "failed");
            assertThat(status(id).get("retry_count")).isEqualTo(1);
            assertThat(status(id).get("is_retriable")).isEqualTo(false);
        }
        assertThat(breakers.breaker("spotify").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        for (UUID id : ids.subList(5, 7)) {
            Map<String, Object> s = status(id);
            assertThat(outcomes(id)).containsEntry("spotify", "short_circuited").containsEntry("musicbrainz", "found");
            assertThat(s.get("is_retriable")).isEqualTo(true);
            assertThat(s.get("retry_count")).isEqualTo(0);
            assertThat((String) s.get("error_message")).contains("circuit breaker open for spotify");
            assertThat(s.get("status")).isEqualTo("completed");
        }

        // Spotify recovers; after the open period the breaker lets two trial calls through
        ApiStubs.reset();
        tracks.forEach(ApiStubs::knowEverywhere);
        Thread.sleep(2200);
        runEnrich(1);
        assertThat(breakers.breaker("spotify").getState()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        runEnrich(1);
        assertThat(breakers.breaker("spotify").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(outcomes(ids.get(7))).containsEntry("spotify", "found");
        assertThat(outcomes(ids.get(8))).containsEntry("spotify", "found");
    }

    @Test
    void aFailedTrialCallWhileHalfOpenOpensTheBreakerAgain() throws Exception {
        List<TestTrack> tracks = IntStream.rangeClosed(20, 27).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        ApiStubs.answerAll("spotify", ApiStubs.serverError());
        addTracks(tracks);
        for (int i = 0; i < 5; i++) {
            runEnrich(1);
        }
        assertThat(breakers.breaker("spotify").getState()).isEqualTo(CircuitBreaker.State.OPEN);

        Thread.sleep(2200);
        runEnrich(1);

        assertThat(ApiStubs.count("spotify")).isEqualTo(6);
        assertThat(breakers.breaker("spotify").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
