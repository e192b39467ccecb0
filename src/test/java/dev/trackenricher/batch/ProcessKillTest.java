package dev.trackenricher.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.JsonBody;
import dev.trackenricher.support.ServiceProcess;
import dev.trackenricher.support.StatusRows;
import dev.trackenricher.support.TestDatabase;
import dev.trackenricher.support.TestTrack;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The service process is killed with {@code kill -9} in the middle of an enrich run, started
 * again, and runs again: every track ends terminal, none is lost, no source outcome or metadata is
 * recorded twice, the interrupted execution is marked FAILED by the new process, and the dead run's
 * claims are taken again once older than the claim timeout (5 s here).
 */
class ProcessKillTest {

    private static final int TRACKS = 80;
    private static final Map<String, String> SHORT_TIMEOUTS = settings();

    private static Map<String, String> settings() {
        Map<String, String> s = new java.util.HashMap<>(Map.of(
                "enricher.batch.claim-timeout", "5s",
                "enricher.batch.stale-run-check", "1s"));
        // the production timeout: a cold process on a busy machine can take more than the test profile's 2 s to answer once
        ApiStubs.SOURCES.forEach(source -> s.put("enricher.sources." + source + ".timeout", "10s"));
        return s;
    }

    private ServiceProcess first;
    private ServiceProcess second;

    @AfterEach
    void stop() {
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
        ApiStubs.server().setGlobalFixedDelay(0);
        ApiStubs.reset();
    }

    @Test
    void aRunKilledMidWayLosesNothingDuplicatesNothingAndIsMarkedFailedAfterRestart() throws Exception {
        String url = TestDatabase.newDatabase("kill");
        JdbcTemplate db = new JdbcTemplate(TestDatabase.dataSource(url));
        ApiStubs.reset();
        List<TestTrack> tracks = IntStream.range(0, TRACKS).mapToObj(i -> TestTrack.numbered(20_000 + i)).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        // every API answers after 300 ms: the run takes several seconds, so it can be killed in the middle
        ApiStubs.server().setGlobalFixedDelay(300);

        first = ServiceProcess.start("kill-first", url, SHORT_TIMEOUTS);
        first.awaitUp(Duration.ofSeconds(180));
        Http api = first.http();
        assertThat(api.post("/tracks", JsonBody.tracks(tracks)).status()).isEqualTo(201);
        long runId = api.post("/enrich/trigger", "").json().path("job_execution_id").asLong();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> StatusRows.count(db, "completed") >= 10);
        first.kill();
        long killedAt = System.nanoTime();
        int completedAtKill = StatusRows.count(db, "completed");
        int claimedAtKill = StatusRows.count(db, "in_progress");
        assertThat(completedAtKill).as("killed in the middle").isBetween(10, TRACKS - 10);
        assertThat(claimedAtKill).as("the dead run held claims").isPositive();
        assertThat(jobStatus(db, runId)).as("a killed JVM cannot tell the job repository").isEqualTo("STARTED");

        second = ServiceProcess.start("kill-second", url, SHORT_TIMEOUTS);
        Duration startUp = second.awaitUp(Duration.ofSeconds(180));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> "FAILED".equals(jobStatus(db, runId)));
        long markedAt = System.nanoTime();
        assertThat(db.queryForObject("SELECT exit_message FROM batch_job_execution WHERE job_execution_id = ?", String.class, runId))
                .contains("no progress since");
        // the dead run's claims are due again once older than the claim timeout
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> db.queryForObject(
                "SELECT count(*) FROM enrichment_status WHERE status = 'in_progress' AND claimed_at > now() - interval '5 seconds'",
                Integer.class) == 0);
        long rerun = second.http().post("/enrich/trigger", "").json().path("job_execution_id").asLong();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() -> "COMPLETED".equals(jobStatus(db, rerun)));
        long doneAt = System.nanoTime();

        assertThat(StatusRows.count(db, "completed")).as("every track terminal, none lost").isEqualTo(TRACKS);
        assertThat(db.queryForObject("SELECT count(*) FROM tracks", Integer.class)).isEqualTo(TRACKS);
        assertThat(db.queryForObject("SELECT count(*) FROM enrichment_source_status", Integer.class)).isEqualTo(TRACKS * 6);
        assertThat(db.queryForObject("SELECT max(attempts) FROM enrichment_source_status", Integer.class))
                .as("no source outcome recorded twice").isEqualTo(1);
        ObjectMapper json = new ObjectMapper();
        for (String metadata : db.queryForList("SELECT metadata::text FROM tracks", String.class)) {
            JsonNode m = json.readTree(metadata);
            List<String> used = json.convertValue(m.path("enrichment_sources"), List.class);
            assertThat(used).as("metadata written once per source").hasSize(6).doesNotHaveDuplicates();
            List<String> tags = json.convertValue(m.path("lastfm_tags"), List.class);
            assertThat(new HashSet<>(tags)).hasSameSizeAs(tags);
        }
        long askedTwice = tracks.stream().filter(t -> ApiStubs.countFor("spotify", t) > 1).count();
        System.out.printf("kill -9 test: %d tracks; killed with %d completed and %d claimed; restart up in %d ms; dead run marked FAILED "
                        + "%d ms after the kill; everything terminal %d ms after the kill; %d tracks asked again (their answers died with "
                        + "the process, never written twice)%n", TRACKS, completedAtKill, claimedAtKill, startUp.toMillis(),
                (markedAt - killedAt) / 1_000_000, (doneAt - killedAt) / 1_000_000, askedTwice);
    }


    static String jobStatus(JdbcTemplate db, long executionId) {
        return db.queryForList("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class, executionId).stream()
                .findFirst().orElse("NONE");
    }
}
