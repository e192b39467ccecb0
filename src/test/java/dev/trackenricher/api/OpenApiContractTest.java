package dev.trackenricher.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GET /api-docs against the routes and against the service's real answers: every REST route in
 * routes/rest.yaml is a documented operation and every documented operation a route; the document
 * is valid OpenAPI; and what the running service answers, 2xx and 4xx, matches what it says.
 */
class OpenApiContractTest extends IntegrationTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    OpenApiDocument document;
    @Autowired
    ObjectMapper json;

    String spec;
    OpenApiInteractionValidator validator;
    final List<String> checked = new ArrayList<>();

    @BeforeEach
    void load() {
        spec = new Http(port).get("/api-docs").body();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec).build();
    }

    @Test
    void theDocumentIsValidOpenApi() {
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(spec);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getComponents().getSecuritySchemes()).containsKey("bearerAuth");
        parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            assertThat(op.getSummary()).as(method + " " + path).isNotBlank();
            assertThat(op.getOperationId()).as(method + " " + path).isNotBlank();
            assertThat(op.getSecurity()).as(method + " " + path).isNotEmpty();
            assertThat(op.getResponses().keySet()).as(method + " " + path).contains("401").anyMatch(c -> c.startsWith("2"));
        }));
    }

    @Test
    void everyRouteOfRestYamlIsDocumentedAndEveryDocumentedOperationIsARoute() throws Exception {
        Set<String> routed = new TreeSet<>();
        for (JsonNode entry : new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("routes/rest.yaml")))) {
            JsonNode rest = entry.path("rest");
            if (rest.isMissingNode()) {
                continue;
            }
            rest.fields().forEachRemaining(f -> {
                if (f.getValue().isArray()) {
                    for (JsonNode verb : f.getValue()) {
                        String path = (rest.path("path").asText() + "/" + verb.path("path").asText("")).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
                        routed.add(f.getKey().toUpperCase(Locale.ROOT) + " " + path);
                    }
                }
            });
        }
        Set<String> documented = new TreeSet<>();
        json.readTree(spec).path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey())));

        assertThat(routed).hasSizeGreaterThan(15);
        assertThat(documented).isEqualTo(routed);
        assertThat(document.coverage().undocumented()).as("routes the parts in openapi/ do not document").isEmpty();
        assertThat(document.coverage().unrouted()).as("documented operations no route serves").isEmpty();
    }

    @Test
    void theServicesRealAnswersMatchTheDocument() throws Exception {
        TestTrack known = TestTrack.numbered(41);
        ApiStubs.knowEverywhere(known);
        String created = send("POST", "/tracks", "[{\"artist_name\": \"" + known.artist() + "\", \"title\": \"" + known.title()
                + "\", \"duration_ms\": " + known.durationMs() + "}]", true, 201);
        String id = json.readTree(created).get(0).path("id").asText();
        send("POST", "/tracks", "[{\"artist_name\": \"\", \"title\": \"x\"}]", true, 400);
        send("POST", "/tracks", "[{\"artist_name\": \"A\", \"title\": \"T\"}]", false, 401);
        send("POST", "/tracks", "[{\"artist_name\": \"" + "A".repeat(11 * 1024 * 1024) + "\", \"title\": \"T\"}]", true, 413);

        String trigger = send("POST", "/enrich/trigger?limit=10", "", true, 202);
        long execution = json.readTree(trigger).path("job_execution_id").asLong();
        waitForJob(execution);
        send("POST", "/enrich/trigger?limit=none", "", true, 400);

        send("GET", "/tracks/" + id, null, true, 200);
        send("PATCH", "/tracks/" + id, "{\"bpm\": 128, \"key\": \"A minor\"}", true, 200);
        send("PATCH", "/tracks/" + id, "{\"tempo\": 128}", true, 400);
        send("PATCH", "/tracks/" + id, "{\"bpm\": 128}", false, 401);
        send("PATCH", "/tracks/" + UUID.randomUUID(), "{\"bpm\": 128}", true, 404);
        send("GET", "/tracks/" + id + "/history", null, true, 200);
        send("GET", "/tracks/nope/history", null, true, 400);
        send("DELETE", "/tracks/" + id + "/locks/bpm", null, true, 200);
        send("DELETE", "/tracks/" + id + "/locks/bpm", null, true, 404);
        send("DELETE", "/tracks/" + id + "/locks/tempo", null, true, 400);
        send("GET", "/review?limit=5", null, true, 200);
        send("GET", "/review?limit=0", null, true, 400);
        send("GET", "/review/" + UUID.randomUUID(), null, true, 404);
        send("GET", "/review/nope", null, true, 400);
        send("POST", "/review/" + UUID.randomUUID() + "/accept", "{\"candidate\": \"x\"}", true, 404);
        send("POST", "/review/" + UUID.randomUUID() + "/accept", "{}", true, 400);
        send("POST", "/review/" + UUID.randomUUID() + "/reject", "", true, 404);
        send("POST", "/review/nope/reject", "", false, 401);
        send("GET", "/tracks/" + UUID.randomUUID(), null, true, 404);
        send("GET", "/tracks/nope", null, true, 400);
        send("GET", "/tracks?limit=1&status=completed", null, true, 200);
        send("GET", "/tracks?order=oldest&q=artist", null, false, 200);
        send("GET", "/tracks?status=lost", null, true, 400);
        send("GET", "/tracks/export?format=jsonl", null, true, 200);
        send("GET", "/tracks/export?format=csv", null, true, 200);
        send("GET", "/tracks/export?format=xml", null, true, 400);
        send("GET", "/enrich/status/" + id, null, true, 200);
        send("GET", "/enrich/status/" + UUID.randomUUID(), null, true, 404);
        send("GET", "/enrich/status/x", null, true, 400);
        send("POST", "/enrich/reprocess", "{\"dryRun\": true, \"days\": 7}", true, 200);
        send("POST", "/enrich/reprocess", "{\"days\": -1}", true, 400);
        send("GET", "/health", null, false, 200);
        send("GET", "/jobs?limit=5", null, true, 200);
        send("GET", "/jobs?limit=0", null, true, 400);
        send("GET", "/jobs/" + execution, null, true, 200);
        send("GET", "/jobs/999999", null, true, 404);
        send("GET", "/jobs/abc", null, true, 400);
        send("POST", "/sources/discogs/breaker/reset", "", true, 200);
        send("POST", "/sources/napster/breaker/reset", "", true, 404);
        send("POST", "/sources/discogs/pause/lift", "", true, 200);
        send("POST", "/sources/napster/pause/lift", "", true, 404);
        send("PUT", "/sources/lastfm/credentials", "{\"api_key\": \"a-rotated-key-0123456789\"}", true, 200);
        send("PUT", "/sources/lastfm/credentials", "{\"token\": \"x\"}", true, 400);
        send("PUT", "/sources/lastfm/credentials", "{\"api_key\": \"k\"}", false, 401);
        send("GET", "/sources/lastfm/credentials", null, true, 200);
        send("GET", "/sources/napster/credentials", null, true, 404);
        send("DELETE", "/sources/lastfm/credentials", null, true, 200);
        send("GET", "/api-docs", null, false, 200);
        send("DELETE", "/tracks/" + id, null, false, 401);
        send("DELETE", "/tracks/" + id, null, true, 200);
        send("DELETE", "/tracks/" + id, null, true, 404);
        send("DELETE", "/tracks/123", null, true, 400);

        assertThat(checked).as("every request above was sent and checked").hasSize(58);
    }

    private void waitForJob(long execution) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!new Http(port).get("/jobs/" + execution).json().path("end_time").isTextual()) {
            assertThat(System.currentTimeMillis()).as("job " + execution + " ends").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** Sends a real request, checks its status, and validates request and answer against the document. */
    private String send(String method, String pathAndQuery, String body, boolean token, int expected) throws Exception {
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create("http://localhost:" + port + pathAndQuery)).timeout(Duration.ofSeconds(30));
        http.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null && !body.isEmpty()) {
            http.header("Content-Type", "application/json");
        }
        if (token) {
            http.header("Authorization", "Bearer " + Http.TEST_TOKEN);
        }
        HttpResponse<String> answer = CLIENT.send(http.build(), HttpResponse.BodyHandlers.ofString());
        String what = method + " " + pathAndQuery.substring(0, Math.min(pathAndQuery.length(), 80));
        assertThat(answer.statusCode()).as(what + ": " + answer.body().substring(0, Math.min(answer.body().length(), 300))).isEqualTo(expected);

        URI uri = URI.create(pathAndQuery);
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, uri.getPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                request.withQueryParam(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
            }
        }
        if (body != null && !body.isEmpty() && body.length() < 1_000_000) {
            request.withContentType("application/json").withBody(body);
        }
        if (token) {
            request.withAuthorization("Bearer " + Http.TEST_TOKEN);
        }
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.statusCode()).withBody(answer.body());
        answer.headers().firstValue("Content-Type").ifPresent(response::withContentType);
        SimpleResponse built = response.build();
        // a request the service refuses (400, 401, 413) may break the document's rules on purpose: only its answer is checked
        ValidationReport report = expected < 300
                ? validator.validate(request.build(), built)
                : validator.validateResponse(uri.getPath(), Request.Method.valueOf(method), built);
        assertThat(report.getMessages()).as(what + " (" + expected + ")").isEmpty();
        checked.add(what);
        return answer.body();
    }
}
