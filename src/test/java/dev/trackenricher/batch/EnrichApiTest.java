package dev.trackenricher.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /enrich/trigger, GET /enrich/status/{trackId} and GET /health over HTTP. */
class EnrichApiTest extends IntegrationTest {

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void triggerStartsARunAndStatusShowsEachSource() {
        TestTrack t = TestTrack.numbered(40);
        ApiStubs.know("musicbrainz", t);
        ApiStubs.know("getsongbpm", t);
        ApiStubs.answerAll("discogs", ApiStubs.serverError());
        UUID id = addTracks(List.of(t)).get(0);

        Http.Answer triggered = http.post("/enrich/trigger?limit=10", "");

        assertThat(triggered.status()).isEqualTo(202);
        assertThat(triggered.json().path("job_execution_id").asLong()).isPositive();
        await().atMost(Duration.ofSeconds(20)).until(() -> !"pending".equals(http.get("/enrich/status/" + id).json().path("status").asText())
                && !"in_progress".equals(http.get("/enrich/status/" + id).json().path("status").asText()));
        JsonNode status = http.get("/enrich/status/" + id).json();
        assertThat(status.path("track_id").asText()).isEqualTo(id.toString());
        assertThat(status.path("status").asText()).isEqualTo("completed");
        assertThat(status.path("sources_enriched").asInt()).isEqualTo(2);
        assertThat(status.path("sources_used").toString()).isEqualTo("[\"getsongbpm\",\"musicbrainz\"]");
        assertThat(status.path("is_retriable").asBoolean()).isFalse();
        assertThat(status.path("retry_count").asInt()).isEqualTo(1);
        assertThat(status.path("error_message").asText()).contains("discogs failed");
        assertThat(status.path("sources").path("discogs").path("outcome").asText()).isEqualTo("failed");
        assertThat(status.path("sources").path("discogs").path("error").asText()).contains("HTTP 500");
        assertThat(status.path("sources").path("discogs").path("attempts").asInt()).isEqualTo(1);
        assertThat(status.path("sources").path("musicbrainz").path("outcome").asText()).isEqualTo("found");
        assertThat(status.path("sources").path("spotify").path("outcome").asText()).isEqualTo("not_found");
        assertThat(status.path("sources").path("acousticbrainz").path("outcome").asText()).isEqualTo("not_found");
        assertThat(status.path("last_attempt").asText()).isNotBlank();
    }

    @Test
    void triggerRejectsABadLimit() {
        Http.Answer zero = http.post("/enrich/trigger?limit=0", "");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("error").asText()).startsWith("limit:");
        Http.Answer text = http.post("/enrich/trigger?limit=ten", "");
        assertThat(text.status()).isEqualTo(400);
        assertThat(text.json().path("error").asText()).contains("limit: \"ten\" is not a whole number");
    }

    @Test
    void statusOfUnknownOrMalformedTrack() {
        assertThat(http.get("/enrich/status/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(http.get("/enrich/status/123").status()).isEqualTo(400);
    }

    @Test
    void healthShowsEachApiClient() {
        breakers.breaker("lastfm").transitionToOpenState();

        Http.Answer health = http.get("/health");

        assertThat(health.status()).isEqualTo(200);
        JsonNode clients = health.json().path("api_clients");
        assertThat(clients.size()).isEqualTo(6);
        assertThat(clients.path("lastfm").path("breaker_state").asText()).isEqualTo("open");
        assertThat(clients.path("spotify").path("breaker_state").asText()).isEqualTo("closed");
        assertThat(clients.path("spotify").path("enabled").asBoolean()).isTrue();
        assertThat(clients.path("spotify").path("credentials_present").asBoolean()).isTrue();
        assertThat(health.json().path("database").asText()).isEqualTo("up");
        assertThat(health.body()).doesNotContain("SHOULD-NOT-LEAK");
    }
}
