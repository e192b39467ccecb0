package dev.trackenricher.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * GET /jobs and GET /jobs/{executionId} from the job repository, with progress while a run goes on,
 * and the same progress in the log every {@code progress-every} tracks.
 */
@ExtendWith(OutputCaptureExtension.class)
class JobsApiTest extends IntegrationTest {

    /** every stub API answers this late, so a run of 30 tracks takes some seconds and several chunks */
    static final int DELAY_MS = 400;
    static final int TRACKS = 30;

    @Autowired
    JobRepository jobRepository;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    LoggingSystem logging;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @AfterEach
    void fastAgain() {
        ApiStubs.server().setGlobalFixedDelay(0);
        logging.setLogLevel(ProgressLogger.class.getName(), null);
    }

    @Test
    void aRunningJobReportsProgressThatIncreases(CapturedOutput output) throws Exception {
        // a CLI test run earlier in this JVM may have left its quieter levels behind
        logging.setLogLevel(ProgressLogger.class.getName(), LogLevel.INFO);
        List<TestTrack> tracks = IntStream.rangeClosed(600, 599 + TRACKS).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(t -> ApiStubs.know("musicbrainz", t));
        addTracks(tracks);
        ApiStubs.server().setGlobalFixedDelay(DELAY_MS);

        long id = http.post("/enrich/trigger?limit=" + TRACKS, "").json().path("job_execution_id").asLong();

        List<JsonNode> whileRunning = new ArrayList<>();
        JsonNode last = null;
        Instant giveUp = Instant.now().plus(Duration.ofMinutes(2));
        while (Instant.now().isBefore(giveUp)) {
            Http.Answer answer = http.get("/jobs/" + id);
            assertThat(answer.status()).isEqualTo(200);
            last = answer.json();
            String status = last.path("status").asText();
            if (!status.equals("STARTING") && !status.equals("STARTED")) {
                break;
            }
            if (last.has("progress")) {
                whileRunning.add(last.path("progress"));
            }
            Thread.sleep(150);
        }
        assertThat(last).isNotNull();
        assertThat(last.path("status").asText()).isEqualTo("COMPLETED");

        List<Long> done = whileRunning.stream().map(p -> p.path("done").asLong()).toList();
        System.out.println("progress seen while running (done): " + done.stream().distinct().toList());
        assertThat(done).as("done never goes back").isSorted();
        assertThat(done.stream().distinct().count()).as("distinct progress values while running: " + done).isGreaterThanOrEqualTo(2);
        assertThat(whileRunning).allSatisfy(p -> {
            assertThat(p.path("total").asLong()).isEqualTo(TRACKS);
            assertThat(p.path("running").asBoolean()).isTrue();
        });
        JsonNode midway = whileRunning.stream().filter(p -> p.path("done").asLong() > 0).findFirst().orElseThrow();
        assertThat(midway.path("done").asLong()).isLessThan(TRACKS);
        assertThat(midway.path("rate_per_second").asDouble()).isPositive();
        assertThat(midway.path("eta_seconds").isNumber()).as(midway.toString()).isTrue();
        assertThat(midway.path("percent").asDouble()).isBetween(0.0, 100.0);

        JsonNode progress = last.path("progress");
        assertThat(progress.path("done").asLong()).isEqualTo(TRACKS);
        assertThat(progress.path("total").asLong()).isEqualTo(TRACKS);
        assertThat(progress.path("eta_seconds").asLong()).isZero();
        assertThat(last.path("job_name").asText()).isEqualTo(EnrichJobConfiguration.JOB_NAME);
        assertThat(last.path("read_count").asLong()).isEqualTo(TRACKS);
        assertThat(last.path("write_count").asLong()).isEqualTo(TRACKS);
        assertThat(last.path("skip_count").asLong()).isZero();
        assertThat(last.path("parameters").path("limit").asLong()).isEqualTo(TRACKS);
        assertThat(last.path("start_time").asText()).endsWith("Z");
        assertThat(last.path("end_time").asText()).endsWith("Z");
        assertThat(last.path("steps").get(0).path("name").asText()).isEqualTo("enrichStep");
        assertThat(last.path("steps").get(0).path("commit_count").asInt()).isGreaterThanOrEqualTo(3);

        // the log said the same every 10 tracks (progress-every in the test config)
        for (int n : new int[] {10, 20, 30}) {
            assertThat(output.getAll()).contains("\"message\":\"enrich run " + id + ": " + n + "/" + TRACKS + " tracks, ");
        }
        assertThat(output.getAll()).containsPattern("\"job_execution_id\":" + id + ",\"done\":10,\"total\":30,\"rate\":[0-9.]+,\"eta_seconds\":[0-9]+");

        // and the list shows the run, newest first
        JsonNode list = http.get("/jobs?limit=5").json();
        assertThat(list.path("executions").get(0).path("id").asLong()).isEqualTo(id);
        assertThat(list.path("executions").get(0).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(list.path("executions").get(0).path("write_count").asLong()).isEqualTo(TRACKS);
    }

    @Test
    void listsRecentExecutionsOfEveryJobNewestFirst() throws Exception {
        addTracks(List.of(TestTrack.numbered(650), TestTrack.numbered(651)));
        long first = runEnrich(1).getId();
        // any other job in the repository is listed too (as the reprocess job is)
        Job other = new JobBuilder("otherJob", jobRepository)
                .start(new StepBuilder("otherStep", jobRepository)
                        .tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactions).build())
                .build();
        long otherId = syncLauncher.run(other, new JobParametersBuilder().addString("run", UUID.randomUUID().toString())
                .toJobParameters()).getId();
        long second = runEnrich(1).getId();

        JsonNode all = http.get("/jobs").json();
        assertThat(all.path("limit").asInt()).isEqualTo(20);
        List<Long> ids = new ArrayList<>();
        all.path("executions").forEach(e -> ids.add(e.path("id").asLong()));
        assertThat(ids).startsWith(second, otherId, first).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(all.path("executions").get(1).path("job_name").asText()).isEqualTo("otherJob");
        assertThat(all.path("executions").get(1).path("status").asText()).isEqualTo("COMPLETED");
        assertThat(all.path("executions").get(1).has("progress")).as("a step without a total has no progress").isFalse();

        JsonNode one = http.get("/jobs?limit=1").json();
        assertThat(one.path("executions")).hasSize(1);
        assertThat(one.path("executions").get(0).path("id").asLong()).isEqualTo(second);
        assertThat(one.path("executions").get(0).path("job_name").asText()).isEqualTo("enrichJob");
        assertThat(one.path("executions").get(0).path("read_count").asLong()).isEqualTo(1);
    }

    @Test
    void badOrUnknownIdsAndLimits() {
        assertThat(http.get("/jobs/99999999").status()).isEqualTo(404);
        Http.Answer malformed = http.get("/jobs/abc");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("error").asText()).startsWith("executionId:");
        assertThat(http.get("/jobs/-3").status()).isEqualTo(400);
        Http.Answer badLimit = http.get("/jobs?limit=zero");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().path("error").asText()).startsWith("limit:");
        assertThat(http.get("/jobs?limit=0").status()).isEqualTo(400);
        assertThat(http.get("/jobs?limit=501").status()).isEqualTo(400);
    }
}
