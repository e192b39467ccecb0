package dev.trackenricher.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.source.limits.SourcePause;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import dev.trackenricher.support.wire.GetSongBpmWire;
import dev.trackenricher.support.wire.LastFmWire;
import dev.trackenricher.support.wire.SpotifyWire;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The APIs' quota signals, read by each client, pause the source until their end, for every track
 * after them and without a trial call: Spotify's 429 QUOTA_EXCEEDED, GetSongBPM's blocked key,
 * Last.fm's error 29. A source's own budget, when spent, pauses it and says so; /health, the metric
 * and POST /sources/{name}/pause/lift. (Across a restart and at the real limits: ops/QuotaPauseRestartTest.)
 */
@TestPropertySource(properties = {"enricher.sources.getsongbpm.budget.requests=3", "enricher.sources.getsongbpm.budget.per=1h"})
class QuotaPausesTest extends IntegrationTest {

    private Instant nextAttempt(UUID track) {
        return jdbc.queryForObject("SELECT next_attempt_at FROM enrichment_status WHERE track_id = ?", Timestamp.class, track).toInstant();
    }

    private JsonNode health(String source) {
        return new Http(port).get("/health").json().path("api_clients").path(source);
    }

    @Test
    void spotifysSpentQuotaPausesItForItsRetryAfterAndTheTrackWaitsForIt() throws Exception {
        ApiStubs.answerAll("spotify", ApiStubs.response(SpotifyWire.quotaExceeded(40_000)));
        TestTrack first = TestTrack.numbered(770);
        TestTrack second = TestTrack.numbered(771);
        ApiStubs.knowEverywhere(first);
        ApiStubs.knowEverywhere(second);
        UUID one = addTracks(List.of(first)).get(0);
        Instant asked = Instant.now();

        runEnrich(null);

        assertThat(outcomes(one)).containsEntry("spotify", "rate_limited").containsEntry("musicbrainz", "found").containsEntry("discogs", "found");
        assertThat(status(one).get("status")).isEqualTo("completed");
        SourcePause pause = limits.pause("spotify").orElseThrow();
        assertThat(pause.until()).isBetween(asked.plusSeconds(40_000).minusMillis(1), Instant.now().plusSeconds(40_000));
        assertThat(pause.reason()).isEqualTo("Spotify quota exceeded (HTTP 429 QUOTA_EXCEEDED, Retry-After: 40000 s)");
        assertThat(error(one, "spotify")).contains("HTTP 429 from spotify").contains("QUOTA_EXCEEDED");
        assertThat(nextAttempt(one)).isAfterOrEqualTo(pause.until());
        assertThat(breakers.breaker("spotify").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(health("spotify").path("pause_reason").asText()).isEqualTo(pause.reason());

        int calls = ApiStubs.count("spotify");
        UUID two = addTracks(List.of(second)).get(0);
        runEnrich(null);
        assertThat(outcomes(two)).containsEntry("spotify", "rate_limited").containsEntry("lastfm", "found");
        assertThat(ApiStubs.count("spotify")).as("no Spotify request while its quota is spent").isEqualTo(calls);
        assertThat(nextAttempt(two)).isAfterOrEqualTo(pause.until());
    }

    @Test
    void anOrdinarySpotify429IsAShortHoldNotAQuotaPause() throws Exception {
        ApiStubs.answerAll("spotify", ApiStubs.response(SpotifyWire.rateLimited(5)));
        TestTrack t = TestTrack.numbered(772);
        ApiStubs.knowEverywhere(t);
        UUID id = addTracks(List.of(t)).get(0);

        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("spotify", "rate_limited");
        assertThat(limits.pause("spotify").orElseThrow().reason()).isEqualTo("Retry-After: 5 s");
        assertThat(limits.pausedUntil("spotify").orElseThrow()).isBefore(Instant.now().plusSeconds(6));
    }

    @Test
    void getSongBpmsBlockedKeyPausesItForTheHour() throws Exception {
        ApiStubs.answerAll("getsongbpm", ApiStubs.response(GetSongBpmWire.keyBlocked()));
        TestTrack first = TestTrack.numbered(773);
        TestTrack second = TestTrack.numbered(774);
        ApiStubs.knowEverywhere(first);
        ApiStubs.knowEverywhere(second);
        UUID one = addTracks(List.of(first)).get(0);
        Instant asked = Instant.now();

        runEnrich(null);

        assertThat(outcomes(one)).containsEntry("getsongbpm", "rate_limited").containsEntry("spotify", "found");
        SourcePause pause = limits.pause("getsongbpm").orElseThrow();
        assertThat(pause.until()).isBetween(asked.plus(Duration.ofHours(1)).minusMillis(1), Instant.now().plus(Duration.ofHours(1)));
        assertThat(pause.reason()).startsWith("GetSongBPM blocked the key (HTTP 429");
        assertThat(nextAttempt(one)).isAfterOrEqualTo(pause.until());

        UUID two = addTracks(List.of(second)).get(0);
        runEnrich(null);
        assertThat(outcomes(two)).containsEntry("getsongbpm", "rate_limited");
        assertThat(error(two, "getsongbpm")).startsWith("getsongbpm held back until " + pause.until());
        assertThat(ApiStubs.count("getsongbpm")).as("one request: the one that was refused").isEqualTo(1);
    }

    @Test
    void lastFmsError29PausesItForRateLimitPause() throws Exception {
        ApiStubs.answerAll("lastfm", ApiStubs.response(LastFmWire.rateLimited()));
        TestTrack first = TestTrack.numbered(775);
        TestTrack second = TestTrack.numbered(776);
        ApiStubs.knowEverywhere(first);
        ApiStubs.knowEverywhere(second);
        UUID one = addTracks(List.of(first)).get(0);
        Instant asked = Instant.now();

        runEnrich(null);

        assertThat(outcomes(one)).containsEntry("lastfm", "rate_limited").containsEntry("spotify", "found");
        SourcePause pause = limits.pause("lastfm").orElseThrow();
        // rate-limit-pause: 60 s (batch-config/sources.yml)
        assertThat(pause.until()).isBetween(asked.plusSeconds(60).minusMillis(1), Instant.now().plusSeconds(60));
        assertThat(pause.reason()).isEqualTo("Last.fm error 29, rate limit exceeded: paused 60 s");

        UUID two = addTracks(List.of(second)).get(0);
        runEnrich(null);
        assertThat(outcomes(two)).containsEntry("lastfm", "rate_limited");
        assertThat(ApiStubs.count("lastfm")).isEqualTo(1);
        assertThat(nextAttempt(two)).isAfterOrEqualTo(pause.until());
    }

    @Test
    void aSpentBudgetPausesItsSourceSaysSoAndALiftOverRestAsksItAgain() throws Exception {
        List<TestTrack> tracks = IntStream.range(0, 5).mapToObj(i -> TestTrack.numbered(780 + i)).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        List<UUID> ids = addTracks(tracks);

        runEnrich(null);

        assertThat(ApiStubs.count("getsongbpm")).as("the budget: 3 requests per hour").isEqualTo(3);
        List<String> outcomes = ids.stream().map(id -> outcomes(id).get("getsongbpm")).toList();
        assertThat(outcomes).filteredOn("found"::equals).hasSize(3);
        assertThat(outcomes).filteredOn("rate_limited"::equals).hasSize(2);
        UUID waiting = ids.stream().filter(id -> outcomes(id).get("getsongbpm").equals("rate_limited")).findFirst().orElseThrow();
        assertThat(error(waiting, "getsongbpm")).contains("budget of 3 requests per 1h spent");
        SourcePause pause = limits.pause("getsongbpm").orElseThrow();
        assertThat(pause.until()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        assertThat(nextAttempt(waiting)).isAfterOrEqualTo(pause.until());

        JsonNode health = health("getsongbpm");
        assertThat(health.path("paused_until").asText()).isEqualTo(pause.until().toString());
        assertThat(health.path("pause_reason").asText()).startsWith("budget of 3 requests per 1h spent");
        assertThat(health.path("rate_limit").path("budget").path("requests").asInt()).isEqualTo(3);
        assertThat(health.path("rate_limit").path("budget").path("used").asInt()).isEqualTo(3);
        String metrics = new Http(port).get("/actuator/prometheus").body();
        assertThat(metrics).contains("enrichment_source_paused{api=\"getsongbpm\"} 1.0").contains("enrichment_source_paused{api=\"spotify\"} 0.0");

        // the lift needs the token, knows its sources, and makes the waiting tracks due now
        assertThat(new Http(port).withoutToken().post("/sources/getsongbpm/pause/lift", "").status()).isEqualTo(401);
        assertThat(new Http(port).post("/sources/nosuch/pause/lift", "").status()).isEqualTo(404);
        Http.Answer lifted = new Http(port).post("/sources/getsongbpm/pause/lift", "");
        assertThat(lifted.status()).isEqualTo(200);
        assertThat(lifted.json().path("lifted").asBoolean()).isTrue();
        assertThat(lifted.json().path("lifted_pause").path("reason").asText()).startsWith("budget of 3 requests per 1h spent");
        assertThat(lifted.json().path("tracks_due_now").asInt()).isEqualTo(2);
        assertThat(health("getsongbpm").path("paused_until").isNull()).isTrue();
        assertThat(new Http(port).get("/actuator/prometheus").body()).contains("enrichment_source_paused{api=\"getsongbpm\"} 0.0");

        runEnrich(null);
        assertThat(ids.stream().map(id -> outcomes(id).get("getsongbpm")).toList()).containsOnly("found");
        assertThat(ApiStubs.count("getsongbpm")).isEqualTo(5);
    }
}
