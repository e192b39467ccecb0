package dev.trackenricher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /health shows a breaker that opened (with the source's last error), and closed after POST /sources/{name}/breaker/reset. */
class BreakerHealthTest extends IntegrationTest {

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void healthShowsTheBreakerOpenAfterFailuresAndClosedAfterAReset() throws Exception {
        List<TestTrack> tracks = IntStream.rangeClosed(560, 564).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        ApiStubs.answerAll("spotify", ApiStubs.serverError());
        addTracks(tracks);
        JsonNode before = http.get("/health").json().path("api_clients").path("spotify");
        assertThat(before.path("breaker_state").asText()).isEqualTo("closed");

        runEnrich(null); // five failures open Spotify's breaker

        JsonNode open = http.get("/health").json().path("api_clients").path("spotify");
        assertThat(open.path("breaker_state").asText()).isEqualTo("open");
        assertThat(open.path("enabled").asBoolean()).isTrue();
        assertThat(open.path("credentials_present").asBoolean()).isTrue();
        assertThat(open.path("recent_calls").asInt()).isEqualTo(5);
        assertThat(open.path("success_rate").asDouble()).isEqualTo(0.0);
        assertThat(open.path("last_error").path("outcome").asText()).isEqualTo("failed");
        assertThat(open.path("last_error").path("message").asText()).contains("HTTP 500 from spotify");
        assertThat(open.path("last_error").path("at").asText()).isNotBlank();
        assertThat(open.path("last_error").path("correlation_id").asText()).isNotBlank();
        JsonNode musicbrainz = http.get("/health").json().path("api_clients").path("musicbrainz");
        assertThat(musicbrainz.path("breaker_state").asText()).isEqualTo("closed");
        assertThat(musicbrainz.path("success_rate").asDouble()).isEqualTo(1.0);
        assertThat(musicbrainz.path("last_error").isNull()).isTrue();

        Http.Answer reset = http.post("/sources/spotify/breaker/reset", "");

        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("previous_state").asText()).isEqualTo("open");
        assertThat(reset.json().path("breaker_state").asText()).isEqualTo("closed");
        JsonNode closed = http.get("/health").json().path("api_clients").path("spotify");
        assertThat(closed.path("breaker_state").asText()).isEqualTo("closed");
        assertThat(closed.path("recent_calls").asInt()).isZero();
        // the last error stays: it tells what happened before the reset
        assertThat(closed.path("last_error").path("message").asText()).contains("HTTP 500 from spotify");
        Scrape metrics = Scrape.parse(http.get("/actuator/prometheus").body());
        assertThat(metrics.value("enrichment_circuit_breaker_state", "api", "spotify", "state", "closed")).isEqualTo(1.0);
        assertThat(metrics.value("enrichment_circuit_breaker_state", "api", "spotify", "state", "open")).isEqualTo(0.0);
    }

    @Test
    void resettingAnUnknownSourceIs404() {
        Http.Answer answer = http.post("/sources/napster/breaker/reset", "");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("error").asText()).startsWith("name:").contains("napster");
    }

    @Test
    void actuatorHealthIncludesTheDatabaseAndCamel() {
        JsonNode components = http.get("/actuator/health").json().path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("camelHealth").path("status").asText()).isEqualTo("UP");
    }
}
