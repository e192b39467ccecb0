package dev.trackenricher.batch.cycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.JsonBody;
import dev.trackenricher.support.ServiceProcess;
import dev.trackenricher.support.TestDatabase;
import dev.trackenricher.support.TestTrack;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances of the service (two processes) on one database, both with the cycle ticking every
 * second, while tracks arrive in waves through either (the next once the last is done): every track is enriched with no trigger, and
 * the job repository shows enrich runs one after another, never two at once — whichever instance
 * ran them. A trigger sent to both while a run goes is answered by both with that run.
 */
class CycleTwoInstancesTest {

    private static final int WAVES = 5;
    private static final int PER_WAVE = 6;
    /** every stub API answers this late, so a run lasts a few seconds and the other instance's ticks meet it */
    private static final int DELAY_MS = 500;

    private ServiceProcess one;
    private ServiceProcess two;

    @AfterEach
    void stop() {
        if (one != null) {
            one.close();
        }
        if (two != null) {
            two.close();
        }
        ApiStubs.server().setGlobalFixedDelay(0);
        ApiStubs.reset();
    }

    @Test
    void twoInstancesNeverRunTheCycleAtTheSameMoment() throws Exception {
        String url = TestDatabase.newDatabase("cycle_two");
        JdbcTemplate db = new JdbcTemplate(TestDatabase.dataSource(url));
        ApiStubs.reset();
        List<TestTrack> tracks = IntStream.range(0, WAVES * PER_WAVE).mapToObj(i -> TestTrack.numbered(82_000 + i)).toList();
        tracks.forEach(EnrichRunsTest::knownTwice);
        Map<String, String> config = Map.of(
                "enricher.batch.schedule.enabled", "true",
                "enricher.batch.schedule.interval", "1s",
                "enricher.batch.schedule.due-check", "200ms",
                "enricher.batch.chunk-size", "4");
        one = ServiceProcess.start("cycle-one", url, config);
        two = ServiceProcess.start("cycle-two", url, config);
        one.awaitUp(Duration.ofSeconds(180));
        two.awaitUp(Duration.ofSeconds(180));
        ApiStubs.server().setGlobalFixedDelay(DELAY_MS);

        List<JsonNode> bothAnswers = new ArrayList<>();
        for (int wave = 0; wave < WAVES; wave++) {
            ServiceProcess via = wave % 2 == 0 ? one : two;
            List<TestTrack> these = tracks.subList(wave * PER_WAVE, (wave + 1) * PER_WAVE);
            assertThat(via.http().post("/tracks", JsonBody.tracks(these)).status()).isEqualTo(201);
            if (wave == 1) {
                // while the cycle's run over this wave goes: a trigger to each instance
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> running(db) != null);
                CompletableFuture<JsonNode> a = CompletableFuture.supplyAsync(() -> one.http().post("/enrich/trigger", "").json());
                CompletableFuture<JsonNode> b = CompletableFuture.supplyAsync(() -> two.http().post("/enrich/trigger", "").json());
                bothAnswers.add(a.get());
                bothAnswers.add(b.get());
            }
            // the next wave once this one is done (a run takes every track that arrives while it goes: waves
            // arriving during a run would all go to that one run)
            int done = (wave + 1) * PER_WAVE;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> db.queryForObject("SELECT count(*) FROM enrichment_status WHERE status = 'completed'", Integer.class)
                            == done && running(db) == null);
        }

        List<Map<String, Object>> runs = db.queryForList("""
                SELECT e.job_execution_id AS id, e.start_time, e.end_time, e.status, o.instance_id,
                       (SELECT sum(s.write_count) FROM batch_step_execution s WHERE s.job_execution_id = e.job_execution_id) AS written
                  FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id)
                  LEFT JOIN batch_execution_owner o USING (job_execution_id)
                 WHERE i.job_name = 'enrichJob' ORDER BY e.start_time, e.job_execution_id""");
        Map<String, Long> byInstance = runs.stream().collect(Collectors.groupingBy(r -> String.valueOf(r.get("instance_id")),
                LinkedHashMap::new, Collectors.counting()));
        System.out.printf("two instances, cycle every 1 s: %d runs (%s), %d tracks%n", runs.size(), byInstance, tracks.size());
        assertThat(runs).hasSizeGreaterThanOrEqualTo(WAVES).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("COMPLETED");
            assertThat(r.get("instance_id")).isNotNull();
            assertThat(r.get("end_time")).isNotNull();
        });
        for (int i = 1; i < runs.size(); i++) {
            Timestamp previousEnd = (Timestamp) runs.get(i - 1).get("end_time");
            Timestamp start = (Timestamp) runs.get(i).get("start_time");
            assertThat(start).as("run " + runs.get(i).get("id") + " started after run " + runs.get(i - 1).get("id") + " ended: " + runs)
                    .isAfterOrEqualTo(previousEnd);
        }
        assertThat(runs.stream().mapToLong(r -> ((Number) r.get("written")).longValue()).sum()).as("every track written once")
                .isEqualTo(tracks.size());
        for (TestTrack t : tracks) {
            assertThat(ApiStubs.countFor("musicbrainz", t)).as("asked once: " + t.artist()).isEqualTo(1);
        }

        // the trigger sent to both while a run went: both named that run; the instance not running it said where it goes
        assertThat(bothAnswers).hasSize(2);
        long runningId = bothAnswers.get(0).path("job_execution_id").asLong();
        assertThat(bothAnswers).allSatisfy(a -> assertThat(a.path("job_execution_id").asLong()).as(a.toString()).isEqualTo(runningId));
        String owner = db.queryForObject("SELECT instance_id FROM batch_execution_owner WHERE job_execution_id = ?", String.class, runningId);
        assertThat(bothAnswers).extracting(a -> a.path("run").asText())
                .containsExactlyInAnyOrder(TriggerAnswer.JOINED, TriggerAnswer.RUNNING_ELSEWHERE);
        assertThat(bothAnswers).filteredOn(a -> a.path("run").asText().equals(TriggerAnswer.RUNNING_ELSEWHERE)).singleElement()
                .satisfies(a -> assertThat(a.path("instance").asText()).isEqualTo(owner));
        // and the ticks that met another instance's run said so
        String logs = one.logText() + two.logText();
        assertThat(runs).anySatisfy(r -> assertThat(logs).contains("is going on " + r.get("instance_id")
                + "; ticks start nothing until it ends"));
    }

    private static Long running(JdbcTemplate db) {
        return db.queryForList("SELECT e.job_execution_id FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id) "
                + "WHERE i.job_name = 'enrichJob' AND e.status IN ('STARTING', 'STARTED')", Long.class).stream().findFirst().orElse(null);
    }
}
