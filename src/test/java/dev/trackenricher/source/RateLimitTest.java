package dev.trackenricher.source;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.trackenricher.match.TrackMatcher;
import dev.trackenricher.source.breaker.SourceBreakers;
import dev.trackenricher.source.cache.ApiCache;
import dev.trackenricher.source.limits.LimitSettings;
import dev.trackenricher.source.limits.RateLimits;
import dev.trackenricher.source.musicbrainz.MusicBrainzClient;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.RateGate;
import dev.trackenricher.support.TestClients;
import dev.trackenricher.support.TestTrack;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Rate limits: one limiter per source, its state in PostgreSQL, so every thread and every instance
 * shares it; a 429/503 with Retry-After pauses the source that long (above the cap too: then no
 * breaker opens, no trial call goes out, and its tracks wait for the pause's end); no permit within
 * max-permit-wait is rate_limited, never failed.
 */
class RateLimitTest extends IntegrationTest {

    private static final String GATE = "musicbrainz-1-per-second";

    @Autowired
    ObjectMapper json;
    @Autowired
    TrackMatcher matcher;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ApiCache cache;
    @Autowired
    DataSource dataSource;
    @Autowired
    LimitSettings margins;
    @Autowired
    ConfigurableEnvironment environment;

    @Test
    void eightThreadsOnTwoInstancesNeverSendMusicBrainzMoreThanOneRequestPerSecond() throws Exception {
        // the stub plays MusicBrainz's own limiter: a request within 1 s of the previous one gets its 503
        RateGate.reset(GATE);
        ApiStubs.server().stubFor(get(urlPathMatching(ApiStubs.PREFIX.get("musicbrainz") + "/isrc/.*")).atPriority(4)
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json").withBody("{\"error\":\"Not Found\"}")
                        .withTransformers(RateGate.NAME).withTransformerParameter("gate", GATE).withTransformerParameter("min-spacing-ms", 1000)));
        Map<String, Object> limited = Map.of(
                "enricher.sources.musicbrainz.rate-limit-per-second", "1",
                "enricher.sources.musicbrainz.max-permit-wait", "60s");
        // two limiters over the same PostgreSQL bucket: two instances of the service
        List<MusicBrainzClient> instances = List.of(client(limited), client(limited));
        List<SourceRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestTrack t = TestTrack.numbered(700 + i);
            ApiStubs.server().stubFor(get(urlPathEqualTo(ApiStubs.PREFIX.get("musicbrainz") + "/recording"))
                    .withQueryParam("query", containing("artist:\"" + t.artist() + "\"")).atPriority(4)
                    .willReturn(okJson(ApiStubs.musicbrainzSearch(t))
                            .withTransformers(RateGate.NAME).withTransformerParameter("gate", GATE).withTransformerParameter("min-spacing-ms", 1000)));
            // half the tracks carry an ISRC MusicBrainz does not know: a 404 lookup, then a search — two requests, two permits
            requests.add(new SourceRequest(UUID.randomUUID(), t.artist(), t.title(), i % 2 == 0 ? t.isrc() : null, null,
                    t.durationMs(), null, "rate-test"));
        }

        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<SourceResult>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            MusicBrainzClient instance = instances.get(i % 2);
            SourceRequest request = requests.get(i);
            results.add(threads.submit(() -> {
                start.await();
                return instance.fetch(request);
            }));
        }
        start.countDown();
        for (Future<SourceResult> r : results) {
            assertThat(r.get(90, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.FOUND);
        }
        threads.shutdown();

        List<Long> arrivals = ApiStubs.requests("musicbrainz").stream().map(r -> r.getLoggedDate().getTime()).sorted().toList();
        assertThat(arrivals).hasSize(12);
        long tightestGap = Long.MAX_VALUE;
        int busiestSecond = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            if (i > 0) {
                tightestGap = Math.min(tightestGap, arrivals.get(i) - arrivals.get(i - 1));
            }
            long from = arrivals.get(i);
            busiestSecond = Math.max(busiestSecond, (int) arrivals.stream().filter(a -> a >= from && a < from + 1000).count());
        }
        System.out.printf("MusicBrainz at 1/s, 8 threads on 2 limiters: %d requests over %d ms, tightest gap %d ms, busiest 1 s window %d%n",
                arrivals.size(), arrivals.get(arrivals.size() - 1) - arrivals.get(0), tightestGap, busiestSecond);
        assertThat(busiestSecond).as("requests in any 1-second window at the stub").isEqualTo(1);
        assertThat(RateGate.refused(GATE)).as("503s the stub's MusicBrainz limiter gave").isZero();
    }

    @Test
    void noPermitWithinTheMaxWaitIsRateLimitedNotAFailure() {
        Map<String, Object> slow = Map.of(
                "enricher.sources.musicbrainz.rate-limit-per-second", "0.2",
                "enricher.sources.musicbrainz.max-permit-wait", "1s");
        MusicBrainzClient musicbrainz = client(slow);
        TestTrack first = TestTrack.numbered(720);
        TestTrack second = TestTrack.numbered(721);
        ApiStubs.know("musicbrainz", first);
        ApiStubs.know("musicbrainz", second);
        CircuitBreaker breaker = new SourceBreakers(new TestClients(environment, json, matcher, meters).properties(slow)).breaker("musicbrainz");

        assertThat(breaker.executeSupplier(() -> musicbrainz.fetch(request(first))).outcome()).isEqualTo(Outcome.FOUND);
        long start = System.nanoTime();
        // the next permit is 5 s away, beyond the 1 s we may wait
        assertThatThrownBy(() -> breaker.executeSupplier(() -> musicbrainz.fetch(request(second))))
                .isInstanceOf(SourceRateLimitedException.class).hasMessageContaining("no rate-limit permit for musicbrainz within 1000 ms");
        long waitedMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(ApiStubs.count("musicbrainz")).isEqualTo(1);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).as("not counted as a failure").isZero();
        System.out.printf("refused a permit 5 s away after %d ms (max-permit-wait 1 s)%n", waitedMs);
    }

    @Test
    void retryAfterWithinTheCapHoldsTheSourceBackThatLong() throws Exception {
        ApiStubs.server().stubFor(get(urlPathMatching(ApiStubs.PREFIX.get("musicbrainz") + "/.*")).atPriority(1).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3").withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"Your requests are exceeding the allowable rate limit.\"}")));
        List<TestTrack> tracks = List.of(TestTrack.numbered(730), TestTrack.numbered(731), TestTrack.numbered(732));
        tracks.forEach(ApiStubs::knowEverywhere);

        UUID first = addTracks(List.of(tracks.get(0))).get(0);
        long pausedAt = System.currentTimeMillis();
        runEnrich(null);
        assertThat(outcomes(first)).containsEntry("musicbrainz", "rate_limited").containsEntry("acousticbrainz", "skipped");
        assertThat(error(first, "musicbrainz")).contains("HTTP 503");
        assertThat(status(first).get("is_retriable")).isEqualTo(true);
        assertThat(breakers.breaker("musicbrainz").getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        // within the 3 s: held back without a request (max-permit-wait is 1 s in tests)
        UUID second = addTracks(List.of(tracks.get(1))).get(0);
        runEnrich(null);
        assertThat(outcomes(second)).containsEntry("musicbrainz", "rate_limited");
        assertThat(error(second, "musicbrainz")).contains("held back until");
        assertThat(ApiStubs.count("musicbrainz")).isEqualTo(1);

        // after it: asked again
        Thread.sleep(Math.max(0, pausedAt + 3200 - System.currentTimeMillis()));
        UUID third = addTracks(List.of(tracks.get(2))).get(0);
        runEnrich(null);
        assertThat(outcomes(third)).containsEntry("musicbrainz", "found");
        List<LoggedRequest> asked = ApiStubs.requests("musicbrainz");
        assertThat(asked).hasSize(2);
        assertThat(asked.get(1).getLoggedDate().getTime() - asked.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(3000);
    }

    @Test
    void aRetryAfterShorterThanTheMaxWaitIsWaitedOut() throws Exception {
        ApiStubs.server().stubFor(get(urlPathMatching(ApiStubs.PREFIX.get("musicbrainz") + "/.*")).atPriority(1).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"slow down\"}")));
        TestTrack first = TestTrack.numbered(740);
        TestTrack second = TestTrack.numbered(741);
        ApiStubs.knowEverywhere(first);
        ApiStubs.knowEverywhere(second);
        addTracks(List.of(first));
        runEnrich(null);

        UUID id = addTracks(List.of(second)).get(0);
        runEnrich(null);

        assertThat(outcomes(id)).containsEntry("musicbrainz", "found");
        List<LoggedRequest> asked = ApiStubs.requests("musicbrainz");
        assertThat(asked.get(1).getLoggedDate().getTime() - asked.get(0).getLoggedDate().getTime()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aRetryAfterAboveTheCapPausesTheSourceUntilThenWithoutOpeningItsBreaker() throws Exception {
        // a real Spotify answer once asked for 32,461 s; the cap is retry-after-cap (120 s): above it, a long pause
        ApiStubs.answerAll("spotify", aResponse().withStatus(429).withHeader("Retry-After", "32461")
                .withHeader("Content-Type", "application/json").withBody("{\"error\":{\"status\":429,\"message\":\"API rate limit exceeded\"}}"));
        TestTrack first = TestTrack.numbered(750);
        TestTrack second = TestTrack.numbered(751);
        ApiStubs.knowEverywhere(first);
        ApiStubs.knowEverywhere(second);
        UUID one = addTracks(List.of(first)).get(0);
        java.time.Instant asked = java.time.Instant.now();

        runEnrich(null);

        assertThat(outcomes(one)).containsEntry("spotify", "rate_limited");
        assertThat(breakers.breaker("spotify").getState()).as("no breaker: it would half-open into the block").isEqualTo(CircuitBreaker.State.CLOSED);
        java.time.Instant until = limits.pausedUntil("spotify").orElseThrow();
        assertThat(until).isBetween(asked.plusSeconds(32461), java.time.Instant.now().plusSeconds(32461));
        var health = new Http(port).get("/health").json().path("api_clients").path("spotify");
        assertThat(health.path("breaker_state").asText()).isEqualTo("closed");
        assertThat(java.time.Instant.parse(health.path("paused_until").asText())).isEqualTo(until);
        assertThat(health.path("pause_reason").asText()).isEqualTo("Retry-After: 32461 s, above the retry-after-cap of 120 s");
        assertThat(jdbc.queryForObject("SELECT next_attempt_at FROM enrichment_status WHERE track_id = ?", java.sql.Timestamp.class, one)
                .toInstant()).as("the track waits for the pause").isAfterOrEqualTo(until.minusMillis(1));

        int calls = ApiStubs.count("spotify");
        UUID two = addTracks(List.of(second)).get(0);
        runEnrich(null);
        assertThat(outcomes(two)).containsEntry("spotify", "rate_limited").containsEntry("musicbrainz", "found");
        assertThat(error(two, "spotify")).startsWith("spotify held back until " + until);
        assertThat(ApiStubs.count("spotify")).as("no request, not even a trial, while paused").isEqualTo(calls);
        assertThat(status(two).get("retry_count")).isEqualTo(0);
        assertThat(breakers.breaker("spotify").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    /** A client of its own, with its own limiter over the shared PostgreSQL bucket (as another instance has). */
    private MusicBrainzClient client(Map<String, Object> settings) {
        TestClients clients = new TestClients(environment, json, matcher, meters);
        return new MusicBrainzClient(clients.sources(settings, new RateLimits(clients.properties(settings), margins, dataSource), cache));
    }

    private static SourceRequest request(TestTrack t) {
        return new SourceRequest(UUID.randomUUID(), t.artist(), t.title(), null, null, t.durationMs(), null, "rate-test");
    }
}
