package dev.trackenricher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api-docs: the OpenAPI description Camel generates from routes/rest.yaml. */
class ApiDocsTest extends IntegrationTest {

    @Test
    void describesEveryRestEndpoint() {
        Http.Answer answer = new Http(port).get("/api-docs");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode docs = answer.json();
        assertThat(docs.path("openapi").asText()).startsWith("3.");
        assertThat(docs.path("info").path("title").asText()).isEqualTo("track-enricher");
        List<String> paths = new ArrayList<>();
        docs.path("paths").fieldNames().forEachRemaining(paths::add);
        assertThat(paths).contains("/tracks", "/tracks/{id}", "/enrich/trigger", "/enrich/status/{trackId}", "/health",
                "/jobs", "/jobs/{executionId}", "/sources/{name}/breaker/reset");
        JsonNode job = docs.path("paths").path("/jobs/{executionId}").path("get");
        assertThat(job.path("summary").asText()).contains("progress");
        assertThat(job.path("responses").has("404")).isTrue();
        assertThat(docs.path("paths").path("/jobs").path("get").path("parameters").get(0).path("name").asText()).isEqualTo("limit");
        assertThat(docs.path("paths").path("/sources/{name}/breaker/reset").has("post")).isTrue();
        assertThat(docs.path("paths").path("/health").path("get").path("summary").asText()).contains("breaker state");
    }
}
