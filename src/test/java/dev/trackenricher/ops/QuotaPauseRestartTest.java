package dev.trackenricher.ops;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.JsonBody;
import dev.trackenricher.support.ServiceProcess;
import dev.trackenricher.support.TestDatabase;
import dev.trackenricher.support.TestTrack;
import dev.trackenricher.support.wire.SpotifyWire;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A spent Spotify quota, as an operator meets it: the service (its own process) gets a 429 with
 * {@code Retry-After: 40000} and {@code QUOTA_EXCEEDED}. Measured at the stub: no further Spotify
 * request for the pause, over later runs and after a restart (the pause is stored); /health says
 * until when and why; the tracks are completed with the other sources' data and due again only after
 * the pause; an operator's POST /sources/spotify/pause/lift makes Spotify asked again, for the
 * waiting tracks too.
 */
class QuotaPauseRestartTest {

    private static final int TRACKS = 6;

    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        ApiStubs.reset();
    }

    @Test
    void aSpentSpotifyQuotaPausesSpotifyAcrossRunsAndARestartUntilAnOperatorLiftsIt() throws Exception {
        String url = TestDatabase.newDatabase("quota");
        JdbcTemplate db = new JdbcTemplate(TestDatabase.dataSource(url));
        ApiStubs.reset();
        List<TestTrack> tracks = IntStream.range(0, 3 * TRACKS).mapToObj(i -> TestTrack.numbered(62_000 + i)).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        ApiStubs.answerAll("spotify", ApiStubs.response(SpotifyWire.quotaExceeded(40_000)));
        // Spotify at 1/s: its second request would leave a second after the first, long after the 429 came back
        Map<String, String> config = Map.of("enricher.sources.spotify.rate-limit-per-second", "1",
                "enricher.sources.spotify.max-permit-wait", "5s");

        service = ServiceProcess.start("quota-first", url, config);
        service.awaitUp(Duration.ofSeconds(180));
        Instant asked = Instant.now();
        enrich(db, tracks.subList(0, TRACKS));

        assertThat(ApiStubs.count("spotify")).as("Spotify asked once: the answer that spent the quota").isEqualTo(1);
        int tokens = tokenRequests();
        JsonNode spotify = service.http().get("/health").json().path("api_clients").path("spotify");
        Instant until = Instant.parse(spotify.path("paused_until").asText());
        assertThat(until).isBetween(asked.plusSeconds(40_000), Instant.now().plusSeconds(40_000));
        assertThat(spotify.path("pause_reason").asText()).isEqualTo("Spotify quota exceeded (HTTP 429 QUOTA_EXCEEDED, Retry-After: 40000 s)");
        assertThat(spotify.path("breaker_state").asText()).isEqualTo("closed");
        assertPausedForSpotifyOnly(db, tracks.subList(0, TRACKS), until);
        assertThat(service.http().get("/actuator/prometheus").body()).contains("enrichment_source_paused{api=\"spotify\"} 1.0");

        // a restart on the same database: still paused, still no request
        service.close();
        service = ServiceProcess.start("quota-restarted", url, config);
        service.awaitUp(Duration.ofSeconds(180));
        assertThat(service.http().get("/health").json().path("api_clients").path("spotify").path("paused_until").asText())
                .isEqualTo(until.toString());
        enrich(db, tracks.subList(TRACKS, 2 * TRACKS));
        assertThat(ApiStubs.count("spotify")).as("no Spotify request after the restart either").isEqualTo(1);
        assertThat(tokenRequests()).as("not even for a token").isEqualTo(tokens);
        assertPausedForSpotifyOnly(db, tracks.subList(TRACKS, 2 * TRACKS), until);

        // the quota is back (Spotify answers again) and an operator lifts the pause: Spotify is asked again,
        // for the tracks that waited as well as for new ones
        ApiStubs.reset();
        tracks.forEach(ApiStubs::knowEverywhere);
        JsonNode lifted = service.http().post("/sources/spotify/pause/lift", "").json();
        assertThat(lifted.path("lifted").asBoolean()).isTrue();
        assertThat(lifted.path("tracks_due_now").asInt()).isEqualTo(2 * TRACKS);
        assertThat(service.http().get("/health").json().path("api_clients").path("spotify").path("paused_until").isNull()).isTrue();
        enrich(db, tracks.subList(2 * TRACKS, 3 * TRACKS));
        await().atMost(Duration.ofSeconds(60)).until(() -> db.queryForObject(
                "SELECT count(*) FROM enrichment_source_status WHERE source = 'spotify' AND outcome = 'found'", Integer.class) == 3 * TRACKS);
        assertThat(ApiStubs.count("spotify")).isEqualTo(3 * TRACKS);
        System.out.printf("quota pause: 1 Spotify request (429 QUOTA_EXCEEDED, Retry-After 40000 s) over %d tracks, two runs and a restart; "
                + "paused until %s; after the lift %d requests, every track found%n", 2 * TRACKS, until, ApiStubs.count("spotify"));
    }

    /** Adds the tracks and enriches every due one (a trigger), waiting until none is left pending or in progress. */
    private void enrich(JdbcTemplate db, List<TestTrack> more) {
        assertThat(service.http().post("/tracks", JsonBody.tracks(more)).status()).isEqualTo(201);
        assertThat(service.http().post("/enrich/trigger", "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> db.queryForObject(
                "SELECT count(*) FROM enrichment_status WHERE status IN ('pending', 'in_progress') OR next_attempt_at <= now()",
                Integer.class) == 0);
    }

    /** Spotify rate_limited (never short_circuited), the others' data kept (completed), due again only after the pause. */
    private static void assertPausedForSpotifyOnly(JdbcTemplate db, List<TestTrack> tracks, Instant until) {
        for (TestTrack t : tracks) {
            Map<String, Object> row = db.queryForMap("""
                    SELECT s.status, s.next_attempt_at, s.is_retriable, o.outcome AS spotify, t.metadata->>'enrichment_sources' AS used
                      FROM tracks t JOIN enrichment_status s ON s.track_id = t.id
                      JOIN enrichment_source_status o ON o.track_id = t.id AND o.source = 'spotify'
                     WHERE t.artist_name = ?""", t.artist());
            assertThat(row.get("spotify")).as(t.artist()).isEqualTo("rate_limited");
            assertThat(row.get("status")).as(t.artist()).isEqualTo("completed");
            assertThat(row.get("is_retriable")).isEqualTo(true);
            assertThat(row.get("used").toString()).contains("musicbrainz").contains("discogs").contains("lastfm").doesNotContain("spotify");
            assertThat(((Timestamp) row.get("next_attempt_at")).toInstant()).as("due again after the pause").isAfterOrEqualTo(until);
        }
    }

    private static int tokenRequests() {
        return ApiStubs.server().findAll(postRequestedFor(urlPathEqualTo(ApiStubs.TOKEN_PATH))).size();
    }
}
