package dev.trackenricher.batch.reprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.Http;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.beans.factory.annotation.Autowired;

/** POST /enrich/reprocess over HTTP (and POST /enrich/trigger with track ids, which --trigger-now uses from the command line). */
class ReprocessApiTest extends SeededMix {

    @Autowired
    JobExplorer jobs;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void aDryRunAnswersTheSummaryAndChangesNothing() {
        String before = seed.snapshot();

        Http.Answer answer = http.post("/enrich/reprocess", "{\"dryRun\": true}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(seed.snapshot()).isEqualTo(before);
        JsonNode body = answer.json();
        assertThat(body.path("dry_run").asBoolean()).isTrue();
        assertThat(body.path("matched").asInt()).isEqualTo(5);
        assertThat(body.path("reset").asInt()).isZero();
        assertThat(body.path("by_status").path("failed").asInt()).isEqualTo(3);
        assertThat(body.path("by_status").path("partial").asInt()).isEqualTo(2);
        assertThat(body.path("by_source").path("spotify").path("failed").asInt()).isEqualTo(2);
        assertThat(body.path("job_execution_id").asLong()).isPositive();
        JsonNode first = body.path("tracks").get(0);
        assertThat(first.path("track_id").asText()).isEqualTo(h.toString());
        assertThat(first.path("artist_name").asText()).startsWith("Seeded Artist");
        assertThat(first.path("status").asText()).isEqualTo("failed");
        assertThat(first.path("retry_count").asInt()).isEqualTo(6);
        assertThat(first.path("last_attempt").asText()).isNotBlank();
        assertThat(first.path("failing_sources").get(0).path("source").asText()).isEqualTo("spotify");
        assertThat(first.path("failing_sources").get(0).path("error").asText()).isEqualTo("HTTP 503 from the API");
    }

    @Test
    void filtersResetTheMatchingTracksAndAnswerTheCount() {
        Http.Answer answer = http.post("/enrich/reprocess", "{\"days\": 7, \"retriableOnly\": true}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("reset").asInt()).isEqualTo(2);
        List<String> ids = new ArrayList<>();
        answer.json().path("tracks").forEach(t -> ids.add(t.path("track_id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(a.toString(), d.toString());
        assertThat(status(a).get("status")).isEqualTo("pending");
        assertThat(status(d).get("status")).isEqualTo("pending");
        assertThat(status(b).get("status")).isEqualTo("failed");

        Http.Answer snake = http.post("/enrich/reprocess", "{\"track_ids\": [\"" + b + "\", \"" + UUID.randomUUID() + "\"], \"source\": \"spotify\"}");
        assertThat(snake.status()).isEqualTo(200);
        assertThat(snake.json().path("reset").asInt()).isEqualTo(1);
        assertThat(snake.json().path("not_found").size()).isEqualTo(1);
    }

    @Test
    void triggerNowStartsEnrichmentOfTheResetTracks() {
        Http.Answer answer = http.post("/enrich/reprocess", "{\"triggerNow\": true, \"limit\": 50, \"source\": \"discogs\"}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("reset").asInt()).isEqualTo(2);
        long enrichId = answer.json().path("enrich_job_execution_id").asLong();
        assertThat(enrichId).isPositive();
        await().atMost(Duration.ofSeconds(60)).until(() -> !jobs.getJobExecution(enrichId).isRunning());
        assertThat(jobs.getJobExecution(enrichId).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(jobs.getJobExecution(enrichId).getJobParameters().getString("trackIds").split(","))
                .containsExactlyInAnyOrder(a.toString(), c.toString());
    }

    @Test
    void badFiltersAre400NamingTheFieldAndChangeNothing() {
        String before = seed.snapshot();
        Map<String, String> bad = Map.ofEntries(
                Map.entry("{\"retriableOnly\": true, \"nonRetriableOnly\": true}", "retriableOnly and nonRetriableOnly exclude each other"),
                Map.entry("{\"startDate\": \"2025-02-30\"}", "startDate: 2025-02-30 is not a day of the calendar"),
                Map.entry("{\"startDate\": \"01/10/2025\"}", "startDate: \"01/10/2025\" is not a date"),
                Map.entry("{\"startDate\": \"2025-10-07\", \"endDate\": \"2025-10-01\"}", "endDate: 2025-10-01 is before startDate 2025-10-07"),
                Map.entry("{\"days\": 0}", "days: must be a positive whole number"),
                Map.entry("{\"days\": -7}", "days: must be a positive whole number"),
                Map.entry("{\"limit\": 0}", "limit: must be a positive whole number"),
                Map.entry("{\"source\": \"napster\"}", "source: unknown source \"napster\""),
                Map.entry("{\"trackIds\": [\"not-a-uuid\"]}", "trackIds: \"not-a-uuid\" is not a track id"),
                Map.entry("{\"dryrun\": true}", "dryrun: unknown field"),
                Map.entry("{\"days\": ", "body: not valid JSON"));
        bad.forEach((body, message) -> {
            Http.Answer answer = http.post("/enrich/reprocess", body);
            assertThat(answer.status()).as(body).isEqualTo(400);
            assertThat(answer.json().path("error").asText()).as(body).contains(message);
        });
        assertThat(seed.snapshot()).isEqualTo(before);
    }

    @Test
    void enrichTriggerTakesTrackIds() {
        Http.Answer answer = http.post("/enrich/trigger?limit=10", "{\"track_ids\": [\"" + f + "\"]}");

        assertThat(answer.status()).isEqualTo(202);
        long id = answer.json().path("job_execution_id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> !jobs.getJobExecution(id).isRunning());
        assertThat(jobs.getJobExecution(id).getStepExecutions().iterator().next().getWriteCount()).isEqualTo(1);
        assertThat(status(f).get("status")).isNotEqualTo("pending");

        Http.Answer bad = http.post("/enrich/trigger", "{\"track_ids\": [\"nope\"]}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("error").asText()).startsWith("track_ids:");
        assertThat(http.post("/enrich/trigger", "{\"track_ids\": \"" + f + "\"}").status()).isEqualTo(400);
    }
}
