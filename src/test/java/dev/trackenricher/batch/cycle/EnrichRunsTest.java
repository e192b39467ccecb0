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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Triggers never wait for a run: while one goes, {@code POST /enrich/trigger} answers at once with
 * that run, which takes the tracks asked for. (The cycle is off here, as in every test but its own:
 * only triggers start runs.)
 */
class EnrichRunsTest extends IntegrationTest {

    /** each stub API answers this late: a run over a few tracks lasts seconds */
    static final int DELAY_MS = 400;

    @Autowired
    EnrichRuns runs;
    @Autowired
    EnrichCycle cycle;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterEach
    void quiet() {
        ApiStubs.server().setGlobalFixedDelay(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.runningHere().isEmpty());
    }

    @Test
    void aBurstOfTriggersWhileARunGoesIsAnsweredAtOnceByThatRunAndNeverWithA5xx() throws Exception {
        List<TestTrack> tracks = IntStream.range(0, 40).mapToObj(i -> TestTrack.numbered(71_000 + i)).toList();
        tracks.forEach(EnrichRunsTest::knownTwice);
        List<UUID> ids = addTracks(tracks);
        ApiStubs.server().setGlobalFixedDelay(DELAY_MS);
        int runsBefore = enrichRuns();

        JsonNode first = http.post("/enrich/trigger", "").json();
        long running = first.path("job_execution_id").asLong();
        assertThat(first.path("run").asText()).isEqualTo(TriggerAnswer.STARTED);

        // 60 triggers (every kind: due now, with a limit, naming tracks) and 30 health checks, 20 at a time
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Future<Timed>> answers = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            int n = i;
            answers.add(clients.submit(() -> {
                long start = System.nanoTime();
                Http.Answer a = switch (n % 3) {
                    case 0 -> http.get("/health");
                    case 1 -> http.post("/enrich/trigger?limit=" + (1 + n), "");
                    default -> http.post("/enrich/trigger", JsonBody.of(Map.of("track_ids", List.of(ids.get(n % ids.size()).toString()))));
                };
                return new Timed(n % 3 == 0 ? "health" : "trigger", a, (System.nanoTime() - start) / 1_000_000);
            }));
        }
        List<Timed> done = new ArrayList<>();
        for (Future<Timed> f : answers) {
            done.add(f.get());
        }
        clients.shutdown();
        boolean stillRunning = runs.runningHere().isPresent();

        long slowest = done.stream().mapToLong(Timed::millis).max().orElseThrow();
        System.out.printf("burst of 60 triggers and 30 health checks while run %d went: slowest answer %d ms, run still going after: %s%n",
                running, slowest, stillRunning);
        assertThat(stillRunning).as("the run outlasted the burst (else the burst proves nothing)").isTrue();
        assertThat(done).allSatisfy(t -> assertThat(t.answer().status()).as(t.what() + ": " + t.answer().body()).isLessThan(500));
        assertThat(done).filteredOn(t -> t.what().equals("health")).allSatisfy(t -> assertThat(t.answer().status()).isEqualTo(200));
        assertThat(done).filteredOn(t -> t.what().equals("trigger")).allSatisfy(t -> {
            assertThat(t.answer().status()).isEqualTo(202);
            assertThat(t.answer().json().path("job_execution_id").asLong()).as(t.answer().body()).isEqualTo(running);
            assertThat(t.answer().json().path("run").asText()).isEqualTo(TriggerAnswer.JOINED);
        });
        // a trigger that waited for a run (as the bounded launcher made the fifth caller do) would take seconds
        assertThat(slowest).as("slowest answer, ms (the run lasts several seconds)").isLessThan(3_000);

        await().atMost(Duration.ofSeconds(90)).until(() -> runs.runningHere().isEmpty());
        assertThat(enrichRuns() - runsBefore).as("one run took the whole burst").isEqualTo(1);
        assertThat(StatusRows.count(jdbc, "completed")).isEqualTo(tracks.size());
        assertThat(jdbc.queryForObject("SELECT write_count FROM batch_step_execution WHERE job_execution_id = ?", Long.class, running))
                .isEqualTo(tracks.size());
    }

    @Test
    void namedTracksAskedForWhileARunGoesAreTakenByThatRun() {
        List<TestTrack> tracks = IntStream.range(0, 6).mapToObj(i -> TestTrack.numbered(72_000 + i)).toList();
        tracks.forEach(EnrichRunsTest::knownTwice);
        List<UUID> ids = addTracks(tracks);
        ApiStubs.server().setGlobalFixedDelay(DELAY_MS);

        // a run for three of them only (as reprocess --trigger-now starts one)
        JsonNode first = http.post("/enrich/trigger", JsonBody.of(Map.of("track_ids", ids.subList(0, 3).stream().map(UUID::toString).toList())))
                .json();
        long running = first.path("job_execution_id").asLong();
        JsonNode joined = http.post("/enrich/trigger", JsonBody.of(Map.of("track_ids", List.of(ids.get(4).toString())))).json();

        assertThat(joined.path("job_execution_id").asLong()).isEqualTo(running);
        assertThat(joined.path("run").asText()).isEqualTo(TriggerAnswer.JOINED);
        assertThat(joined.path("message").asText()).contains("run " + running + " is going on this instance").contains("1 named track");
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.runningHere().isEmpty());
        for (UUID id : List.of(ids.get(0), ids.get(1), ids.get(2), ids.get(4))) {
            assertThat(StatusRows.status(jdbc, id).get("status")).isEqualTo("completed");
        }
        // the run took what it was asked for, and nothing else
        assertThat(StatusRows.status(jdbc, ids.get(3)).get("status")).isEqualTo("pending");
        assertThat(StatusRows.status(jdbc, ids.get(5)).get("status")).isEqualTo("pending");
        assertThat(jdbc.queryForObject("SELECT write_count FROM batch_step_execution WHERE job_execution_id = ?", Long.class, running))
                .isEqualTo(4);
    }

    @Test
    void aDueNowTriggerWidensARunStartedForNamedTracks() {
        List<TestTrack> tracks = IntStream.range(0, 5).mapToObj(i -> TestTrack.numbered(73_000 + i)).toList();
        tracks.forEach(EnrichRunsTest::knownTwice);
        List<UUID> ids = addTracks(tracks);
        ApiStubs.server().setGlobalFixedDelay(DELAY_MS);

        long running = http.post("/enrich/trigger", JsonBody.of(Map.of("track_ids", List.of(ids.get(0).toString())))).json()
                .path("job_execution_id").asLong();
        JsonNode everything = http.post("/enrich/trigger", "").json();

        assertThat(everything.path("job_execution_id").asLong()).isEqualTo(running);
        assertThat(everything.path("message").asText()).contains("every due track");
        await().atMost(Duration.ofSeconds(60)).until(() -> runs.runningHere().isEmpty());
        assertThat(StatusRows.count(jdbc, "completed")).isEqualTo(5);
        assertThat(jdbc.queryForObject("SELECT write_count FROM batch_step_execution WHERE job_execution_id = ?", Long.class, running))
                .isEqualTo(5);
    }

    @Test
    void aTickOfTheCycleWidensARunStartedForNamedTracksSoANewTrackDoesNotWaitForIt() {
        List<TestTrack> tracks = IntStream.range(0, 6).mapToObj(i -> TestTrack.numbered(73_100 + i)).toList();
        tracks.forEach(EnrichRunsTest::knownTwice);
        List<UUID> ids = addTracks(tracks);
        ApiStubs.server().setGlobalFixedDelay(DELAY_MS);

        // a run for five of them (as reprocess --trigger-now starts one); the sixth is new and waits for nobody
        long running = http.post("/enrich/trigger", JsonBody.of(Map.of("track_ids", ids.subList(0, 5).stream().map(UUID::toString).toList())))
                .json().path("job_execution_id").asLong();
        runs.tick(true);

        await().atMost(Duration.ofSeconds(60)).until(() -> runs.runningHere().isEmpty());
        assertThat(StatusRows.status(jdbc, ids.get(5)).get("status")).isEqualTo("completed");
        assertThat(jdbc.queryForObject("SELECT write_count FROM batch_step_execution WHERE job_execution_id = ?", Long.class, running))
                .as("the named run took the new track").isEqualTo(6);
    }

    @Test
    void aTickWhileNoRunGoesAndNothingIsDueStartsNothing() {
        int before = enrichRuns();

        runs.tick(true);

        assertThat(runs.runningHere()).isEmpty();
        assertThat(enrichRuns()).as("no empty run recorded every interval").isEqualTo(before);
    }

    @Test
    void withTheCycleOffATickStartsNoRunThoughTracksAreDueAndATriggerStillDoes() {
        UUID id = addTracks(List.of(TestTrack.numbered(74_500))).get(0);
        int before = enrichRuns();

        cycle.tick();

        assertThat(runs.runningHere()).as("enricher.batch.schedule.enabled: false (the test profile)").isEmpty();
        assertThat(enrichRuns()).isEqualTo(before);
        assertThat(StatusRows.status(jdbc, id).get("status")).isEqualTo("pending");

        Http.Answer answer = http.post("/enrich/trigger", JsonBody.of(Map.of("track_ids", List.of(id.toString()))));
        assertThat(answer.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("pending", "in_progress").contains(StatusRows.status(jdbc, id).get("status")));
    }

    @Test
    void aTriggerWithNoRunGoingStartsOneAndSaysSo() {
        UUID id = addTracks(List.of(TestTrack.numbered(74_000))).get(0);

        Http.Answer answer = http.post("/enrich/trigger?limit=5", "");

        assertThat(answer.status()).isEqualTo(202);
        assertThat(answer.json().path("run").asText()).isEqualTo(TriggerAnswer.STARTED);
        assertThat(answer.json().path("instance").asText()).isNotBlank();
        long started = answer.json().path("job_execution_id").asLong();
        assertThat(answer.json().path("message").asText()).isEqualTo("run " + started + " started; it takes every due track");
        await().atMost(Duration.ofSeconds(30)).until(() -> !List.of("pending", "in_progress").contains(StatusRows.status(jdbc, id).get("status")));
    }

    /** Known to two sources: enriched, it is completed. */
    static void knownTwice(TestTrack t) {
        ApiStubs.know("musicbrainz", t);
        ApiStubs.know("getsongbpm", t);
    }

    private int enrichRuns() {
        return jdbc.queryForObject("SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i USING (job_instance_id) "
                + "WHERE i.job_name = 'enrichJob'", Integer.class);
    }

    record Timed(String what, Http.Answer answer, long millis) {
    }
}
