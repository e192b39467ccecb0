package dev.trackenricher.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.JsonBody;
import dev.trackenricher.support.RawHttpServer;
import dev.trackenricher.support.ServiceProcess;
import dev.trackenricher.support.TestDatabase;
import dev.trackenricher.support.TestTrack;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Slow and hanging APIs: Last.fm accepts the connection and never answers, Discogs trickles its
 * answer a byte at a time, GetSongBPM's answer never ends. Their breakers are kept from opening, so
 * every track meets them. The timeouts fire (the whole exchange is bounded, body included; an
 * endless answer also by its size), the branch pool (8 threads here) does not run dry with three
 * times more tracks, and the other sources go on answering.
 */
class SlowApisTest {

    private static final int TRACKS = 24;

    private final RawHttpServer hanging = new RawHttpServer(RawHttpServer.Behaviour.HANG);
    private final RawHttpServer trickling = new RawHttpServer(RawHttpServer.Behaviour.TRICKLE);
    private final RawHttpServer endless = new RawHttpServer(RawHttpServer.Behaviour.ENDLESS);
    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        hanging.close();
        trickling.close();
        endless.close();
        ApiStubs.reset();
    }

    @Test
    void timeoutsFireThePoolDoesNotRunDryAndTheOtherSourcesContinue() throws Exception {
        String url = TestDatabase.newDatabase("slow");
        JdbcTemplate db = new JdbcTemplate(TestDatabase.dataSource(url));
        ApiStubs.reset();
        List<TestTrack> tracks = IntStream.range(0, TRACKS).mapToObj(i -> TestTrack.numbered(50_000 + i)).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        Map<String, String> config = new HashMap<>(Map.of(
                "enricher.fanout.threads", "8",
                "enricher.fanout.queue", "16",
                "enricher.sources.lastfm.base-url", hanging.url() + "/2.0",
                "enricher.sources.discogs.base-url", trickling.url(),
                "enricher.sources.getsongbpm.base-url", endless.url(),
                "enricher.limits.max-answer-size", "1MB"));
        for (String healthy : List.of("spotify", "musicbrainz", "acousticbrainz")) {
            // generous for the sources that answer: a cold process on a busy machine must not time them out
            config.put("enricher.sources." + healthy + ".timeout", "10s");
        }
        for (String slow : List.of("lastfm", "discogs", "getsongbpm")) {
            // never open: every track meets the slow source, the worst case for the pool
            config.put("enricher.sources." + slow + ".breaker.sliding-window-size", "1000");
            config.put("enricher.sources." + slow + ".breaker.minimum-number-of-calls", "1000");
        }
        service = ServiceProcess.start("slow-apis", url, config);
        service.awaitUp(Duration.ofSeconds(180));
        Http api = service.http();
        assertThat(api.post("/tracks", JsonBody.tracks(tracks)).status()).isEqualTo(201);

        long start = System.nanoTime();
        long run = api.post("/enrich/trigger", "").json().path("job_execution_id").asLong();
        AtomicLong slowestHealth = new AtomicLong();
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofMillis(250)).until(() -> {
            long asked = System.nanoTime();
            assertThat(api.get("/health").status()).isEqualTo(200);
            slowestHealth.accumulateAndGet((System.nanoTime() - asked) / 1_000_000, Math::max);
            return "COMPLETED".equals(db.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class, run));
        });
        long took = (System.nanoTime() - start) / 1_000_000;

        assertThat(db.queryForObject("SELECT count(*) FROM enrichment_status WHERE status = 'completed'", Integer.class))
                .as("every track completed from the sources that answer").isEqualTo(TRACKS);
        Map<String, Integer> found = new HashMap<>();
        db.query("SELECT source, count(*) FROM enrichment_source_status WHERE outcome = 'found' GROUP BY source",
                rs -> {
                    found.put(rs.getString(1), rs.getInt(2));
                });
        assertThat(found).containsEntry("spotify", TRACKS).containsEntry("musicbrainz", TRACKS).containsEntry("acousticbrainz", TRACKS);
        assertFailedFor(db, "lastfm", "lastfm did not answer within 2000 ms");
        assertFailedFor(db, "discogs", "discogs did not answer within 2000 ms");
        List<String> getsongbpm = db.queryForList("SELECT DISTINCT error FROM enrichment_source_status WHERE source = 'getsongbpm'", String.class);
        assertThat(getsongbpm).allSatisfy(e -> assertThat(e).containsAnyOf("answer larger than 1048576 bytes", "did not answer within 2000 ms"));
        assertThat(hanging.accepted()).as("every track asked the hanging source").isGreaterThanOrEqualTo(TRACKS);
        assertThat(slowestHealth.get()).as("GET /health answered while every branch thread waited (ms)").isLessThan(10_000);
        System.out.printf("slow APIs: %d tracks through a branch pool of 8 threads with 3 of 6 sources hanging, trickling or endless: run "
                        + "took %d ms; every track completed from the 3 others; slowest GET /health during the run %d ms; getsongbpm: %s%n",
                TRACKS, took, slowestHealth.get(), getsongbpm);
    }

    private static void assertFailedFor(JdbcTemplate db, String source, String error) {
        assertThat(db.queryForList("SELECT DISTINCT outcome || ': ' || error FROM enrichment_source_status WHERE source = ?", String.class,
                source)).containsExactly("failed: " + error);
    }
}
