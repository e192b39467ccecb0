package dev.trackenricher.batch.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.JsonBody;
import dev.trackenricher.support.StatusRows;
import dev.trackenricher.support.TestTrack;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The enrichment cycle on (as shipped), ticking every second: tracks are enriched with no trigger —
 * a new one, one whose back-off expired — and a long run takes what becomes due while it goes,
 * with a total that grows honestly. The context is closed after the class: its ticks must not run
 * on in the test JVM's other contexts' database.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {
        "enricher.batch.schedule.enabled=true",
        "enricher.batch.schedule.interval=1s",
        "enricher.batch.schedule.due-check=200ms",
        "enricher.retry.base-delay=2s",
        // the run's log line is asserted: another test's context in this JVM may have left the root level at WARN
        "logging.level.dev.trackenricher.batch.cycle=INFO"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EnrichCycleTest extends IntegrationTest {

    static final int DELAY_MS = 400;

    @Autowired
    EnrichRuns runs;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterEach
    void quiet() {
        ApiStubs.server().setGlobalFixedDelay(0);
        // a track left due would be taken by the next tick while the next test cleans up
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = NULL WHERE status <> 'in_progress'");
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.runningHere().isEmpty());
    }

    @Test
    void aTrackAddedWhileTheServiceRunsIsEnrichedWithNoTrigger(CapturedOutput output) {
        TestTrack t = TestTrack.numbered(81_000);
        ApiStubs.know("musicbrainz", t);
        ApiStubs.know("getsongbpm", t);

        Http.Answer created = http.post("/tracks", JsonBody.tracks(List.of(t)));

        assertThat(created.status()).isEqualTo(201);
        UUID id = UUID.fromString(created.json().get(0).path("id").asText());
        await().atMost(Duration.ofSeconds(30)).until(() -> "completed".equals(StatusRows.status(jdbc, id).get("status")));
        assertThat(StatusRows.outcomes(jdbc, id)).containsEntry("musicbrainz", "found").containsEntry("getsongbpm", "found");
        // the run that took it was the cycle's: every due track, no limit, no named tracks
        Map<String, Object> run = latestRun();
        assertThat((String) run.get("params")).contains("launchId").doesNotContain("trackIds").doesNotContain("limit");
        assertThat(output.getAll()).contains("enrich run " + run.get("id") + " started (cycle): it takes every due track");
    }

    @Test
    void aTrackWhoseBackOffExpiresIsRetriedWithNoTrigger() {
        TestTrack t = TestTrack.numbered(81_100);
        ApiStubs.know("musicbrainz", t);
        ApiStubs.know("getsongbpm", t);
        ApiStubs.answerAll("discogs", ApiStubs.serverError());

        UUID id = UUID.fromString(http.post("/tracks", JsonBody.tracks(List.of(t))).json().get(0).path("id").asText());

        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(StatusRows.outcomes(jdbc, id).get("discogs")));
        Map<String, Object> afterFirst = StatusRows.status(jdbc, id);
        Instant firstAttempt = ((Timestamp) afterFirst.get("last_attempt")).toInstant();
        Instant retryAt = ((Timestamp) afterFirst.get("next_attempt_at")).toInstant();
        assertThat(Duration.between(firstAttempt, retryAt)).as("back-off after the first failure: base-delay")
                .isBetween(Duration.ofMillis(1500), Duration.ofMillis(2500));

        // Discogs is back; nobody triggers: the cycle retries once the back-off has passed, and asks Discogs alone
        ApiStubs.server().getStubMappings().stream().filter(m -> Integer.valueOf(1).equals(m.getPriority()))
                .forEach(ApiStubs.server()::removeStub);
        ApiStubs.know("discogs", t);
        await().atMost(Duration.ofSeconds(30)).until(() -> "found".equals(StatusRows.outcomes(jdbc, id).get("discogs")));
        Instant secondAttempt = ((Timestamp) StatusRows.status(jdbc, id).get("last_attempt")).toInstant();
        assertThat(secondAttempt).as("not before the back-off ended").isAfterOrEqualTo(retryAt);
        assertThat(ApiStubs.countFor("musicbrainz", t)).as("found data is not asked again").isEqualTo(1);
        assertThat(StatusRows.status(jdbc, id).get("status")).isEqualTo("completed");
    }

    @Test
    void aLongRunTakesTracksThatBecomeDueWhileItGoesAndItsTotalGrows() throws Exception {
        List<TestTrack> first = IntStream.range(0, 8).mapToObj(i -> TestTrack.numbered(81_200 + i)).toList();
        List<TestTrack> later = IntStream.range(0, 3).mapToObj(i -> TestTrack.numbered(81_300 + i)).toList();
        first.forEach(EnrichRunsTest::knownTwice);
        later.forEach(EnrichRunsTest::knownTwice);
        ApiStubs.server().setGlobalFixedDelay(DELAY_MS);

        assertThat(http.post("/tracks", JsonBody.tracks(first)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> StatusRows.count(jdbc, "in_progress") == first.size());
        long run = runs.runningHere().orElseThrow();
        assertThat(http.post("/tracks", JsonBody.tracks(later)).status()).isEqualTo(201);

        List<JsonNode> progress = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            JsonNode job = http.get("/jobs/" + run).json();
            if (job.has("progress")) {
                progress.add(job.path("progress"));
            }
            return !job.path("status").asText().startsWith("START");
        });
        JsonNode last = http.get("/jobs/" + run).json();
        assertThat(last.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(last.path("write_count").asLong()).as("the run took the later tracks too").isEqualTo(first.size() + later.size());
        assertThat(last.path("progress").path("total_at_start").asLong()).isEqualTo(first.size());
        assertThat(last.path("progress").path("total").asLong()).isEqualTo(first.size() + later.size());
        assertThat(last.path("progress").path("percent").asDouble()).isEqualTo(100.0);
        List<Long> totals = progress.stream().map(p -> p.path("total").asLong()).toList();
        System.out.println("total seen while running: " + totals.stream().distinct().toList());
        assertThat(totals).as("the total only grows").isSorted();
        // never a percent above 100 or a done beyond the total, however the total moved
        assertThat(progress).allSatisfy(p -> assertThat(p.path("done").asLong()).isLessThanOrEqualTo(p.path("total").asLong()));
        assertThat(StatusRows.count(jdbc, "completed")).isEqualTo(first.size() + later.size());
    }

    private Map<String, Object> latestRun() {
        return jdbc.queryForMap("""
                SELECT e.job_execution_id AS id,
                       (SELECT string_agg(p.parameter_name, ',') FROM batch_job_execution_params p
                         WHERE p.job_execution_id = e.job_execution_id) AS params
                  FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)
                 WHERE i.job_name = 'enrichJob' ORDER BY e.job_execution_id DESC LIMIT 1""");
    }
}
