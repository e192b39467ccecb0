package dev.trackenricher.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RestRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Strangers change nothing: every request that may change state, on any path, answers 401 (JSON)
 * without a valid bearer token and leaves every table and every breaker as it was. The endpoints
 * are taken from Camel's REST registry, so an endpoint added later is checked the day it appears.
 * Probes, metrics and reads stay open by default; actuator internals are not exposed.
 */
class SecurityTest extends IntegrationTest {

    @Autowired
    CamelContext camel;

    Http http;
    UUID pending;
    UUID failed;

    @BeforeEach
    void seed() {
        http = new Http(port);
        pending = addTracks(List.of(TestTrack.numbered(9001))).get(0);
        failed = addTracks(List.of(TestTrack.numbered(9002))).get(0);
        jdbc.update("UPDATE enrichment_status SET status = 'failed', retry_count = 1, last_attempt = now(), is_retriable = true, "
                + "error_message = 'No metadata sources returned data', next_attempt_at = now() + interval '1 day' WHERE track_id = ?", failed);
        jdbc.update("INSERT INTO enrichment_source_status (track_id, source, outcome, attempts, last_attempt, error) "
                + "VALUES (?, 'spotify', 'failed', 1, now(), 'HTTP 500')", failed);
        breakers.breaker("spotify").transitionToOpenState();
        stops.stop("lastfm", "Last.fm error 10: Invalid API key");
    }

    @Test
    void everyStateChangingRequestWithoutAValidTokenIsRefusedAndChangesNothing() {
        List<String[]> endpoints = stateChangingEndpoints();
        assertThat(endpoints).as("Camel's REST endpoints are found").extracting(e -> e[0] + " " + e[1])
                .contains("POST /tracks", "POST /enrich/trigger", "POST /enrich/reprocess", "PUT /sources/{name}/credentials",
                        "DELETE /sources/{name}/credentials");
        // and requests to paths no route serves, and actuator operations that would write
        endpoints.addAll(List.of(new String[] {"PUT", "/tracks/{id}"}, new String[] {"DELETE", "/tracks/{id}"},
                new String[] {"PATCH", "/enrich/status/{id}"}, new String[] {"POST", "/no/such/path"},
                new String[] {"POST", "/actuator/loggers/ROOT"}, new String[] {"POST", "/actuator/shutdown"},
                new String[] {"OPTIONS", "/tracks"}, new String[] {"POST", "/health"}));
        Map<String, String> before = snapshot();
        String tokenPrefix = Http.TEST_TOKEN.substring(0, Http.TEST_TOKEN.length() - 1);
        Map<String, String> strangers = new LinkedHashMap<>();
        strangers.put("no Authorization header", null);
        strangers.put("a wrong bearer token", "Bearer wrong-token-of-a-stranger");
        strangers.put("the token less its last character", "Bearer " + tokenPrefix);
        strangers.put("the token with one more character", "Bearer " + Http.TEST_TOKEN + "x");
        strangers.put("an empty bearer token", "Bearer ");
        strangers.put("the token as Basic credentials", "Basic " + java.util.Base64.getEncoder().encodeToString(("operator:" + Http.TEST_TOKEN).getBytes()));
        strangers.put("the token without a scheme", Http.TEST_TOKEN);

        int requests = 0;
        for (String[] endpoint : endpoints) {
            String path = fill(endpoint[1]);
            for (Map.Entry<String, String> stranger : strangers.entrySet()) {
                HttpRequest.Builder request = HttpRequest.newBuilder(http.uri(path)).header("Content-Type", "application/json")
                        .method(endpoint[0], HttpRequest.BodyPublishers.ofString(body(endpoint[1])));
                if (stranger.getValue() != null) {
                    request.header("Authorization", stranger.getValue());
                }
                Http.Answer answer = http.withoutToken().send(request);
                String what = endpoint[0] + " " + path + " with " + stranger.getKey();
                assertThat(answer.status()).as(what).isEqualTo(401);
                assertThat(answer.json().path("error").asText()).as(what).startsWith("Authorization: ").contains("nothing was changed");
                requests++;
            }
        }
        assertThat(snapshot()).as("no table and no breaker changed after " + requests + " refused requests").isEqualTo(before);

        // the control: the same kind of request with the token does change state
        Http.Answer created = http.post("/tracks", body("/tracks"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(snapshot()).isNotEqualTo(before);
    }

    @Test
    void aWrongTokenSaysSoAndTheChallengeNamesTheBearerScheme() {
        Http.Answer none = http.withoutToken().post("/enrich/trigger", "{}");
        Http.Answer wrong = http.withToken("not-the-token-at-all").post("/enrich/trigger", "{}");

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().path("error").asText()).contains("Authorization: Bearer <token>");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").asText()).isEqualTo("Authorization: the bearer token is not valid; nothing was changed");
        HttpRequest.Builder raw = HttpRequest.newBuilder(http.uri("/enrich/trigger")).POST(HttpRequest.BodyPublishers.noBody());
        assertThat(rawHeaders(raw).firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"track-enricher\"");
        // with the token (the track named is not due: the run it starts finds nothing to do)
        assertThat(http.post("/enrich/trigger", "{\"track_ids\": [\"" + failed + "\"]}").status()).as("with the token").isEqualTo(202);
    }

    @Test
    void probesMetricsAndReadsAreOpenByDefaultActuatorInternalsNeedTheToken() {
        Http stranger = http.withoutToken();
        assertThat(stranger.get("/health").status()).isEqualTo(200);
        Http.Answer actuatorHealth = stranger.get("/actuator/health");
        assertThat(actuatorHealth.status()).isEqualTo(200);
        assertThat(actuatorHealth.json().path("status").asText()).isEqualTo("UP");
        assertThat(actuatorHealth.json().has("components")).as("details only with the token").isFalse();
        assertThat(http.get("/actuator/health").json().path("components").has("db")).isTrue();
        assertThat(stranger.get("/actuator/health/liveness").status()).isIn(200, 404);
        // open to a scraper (in tests Spring Boot switches metric exporters off, so the endpoint itself may be absent)
        assertThat(stranger.get("/actuator/prometheus").status()).isNotEqualTo(401);
        assertThat(stranger.get("/tracks/" + pending).status()).isEqualTo(200);
        assertThat(stranger.get("/enrich/status/" + failed).status()).isEqualTo(200);
        assertThat(stranger.get("/sources/discogs/credentials").status()).isEqualTo(200);

        Http.Answer metrics = stranger.get("/actuator/metrics");
        assertThat(metrics.status()).isEqualTo(401);
        assertThat(metrics.json().path("error").asText()).startsWith("Authorization: ");
        assertThat(http.get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(stranger.get("/actuator").status()).isEqualTo(401);
    }

    @Test
    void actuatorExposesNoEnvironmentConfigurationPropertiesHeapDumpOrOtherInternals() {
        JsonNode links = http.get("/actuator").json().path("_links");
        List<String> exposed = new ArrayList<>();
        links.fieldNames().forEachRemaining(exposed::add);
        assertThat(exposed).contains("health", "metrics")
                .doesNotContain("env", "configprops", "heapdump", "threaddump", "beans", "mappings", "loggers", "shutdown", "conditions",
                        "scheduledtasks", "caches", "startup", "sbom");
        for (String internal : List.of("env", "env/enricher.sources.discogs.token", "configprops", "heapdump", "threaddump", "beans",
                "loggers", "mappings")) {
            Http.Answer answer = http.get("/actuator/" + internal);
            assertThat(answer.status()).as(internal + ", even with the token").isEqualTo(404);
            assertThat(answer.json().path("error").asText()).as(internal).startsWith("no such endpoint");
        }
    }

    @Test
    void everyAnswerCarriesNoSniffingAndNoCachingHeaders() {
        HttpRequest.Builder get = HttpRequest.newBuilder(http.uri("/tracks/" + pending)).GET();
        java.net.http.HttpHeaders headers = rawHeaders(get);
        assertThat(headers.firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(headers.firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(headers.firstValue("Set-Cookie")).as("stateless: no session").isEmpty();
    }

    /** Every REST endpoint Camel serves with a method that may change state (not GET/HEAD). */
    private List<String[]> stateChangingEndpoints() {
        RestRegistry registry = camel.getRestRegistry();
        List<String[]> out = new ArrayList<>();
        for (RestRegistry.RestService service : registry.listAllRestServices()) {
            String method = service.getMethod().toUpperCase();
            if (method.equals("GET") || method.equals("HEAD")) {
                continue;
            }
            String path = (nullToEmpty(service.getBasePath()) + "/" + nullToEmpty(service.getUriTemplate())).replaceAll("/+", "/");
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            out.add(new String[] {method, path});
        }
        return out;
    }

    private String fill(String template) {
        return template.replaceAll("\\{(id|trackId|track_id)}", failed.toString()).replace("{name}", "discogs")
                .replaceAll("\\{[^}]+}", "1");
    }

    /** A body the endpoint would accept with the token. */
    private String body(String template) {
        if (template.equals("/tracks")) {
            return "[{\"artist_name\": \"Stranger\", \"title\": \"Danger\"}]";
        }
        if (template.endsWith("/credentials")) {
            return "{\"token\": \"a-stranger-s-discogs-token\"}";
        }
        if (template.endsWith("/reprocess")) {
            return "{\"limit\": 10}";
        }
        if (template.endsWith("/trigger")) {
            return "{\"track_ids\": [\"" + pending + "\"]}";
        }
        return "{}";
    }

    /** Every table's content (a digest per table), plus the breakers and stops /health shows. */
    private Map<String, String> snapshot() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (String table : jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' "
                + "AND table_type = 'BASE TABLE'", String.class)) {
            out.put(table, jdbc.queryForObject("SELECT count(*) || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \""
                    + table + "\" t", String.class));
        }
        JsonNode clients = http.get("/health").json().path("api_clients");
        clients.fieldNames().forEachRemaining(source -> out.put("breaker " + source,
                clients.path(source).path("breaker_state").asText() + " / stopped: " + clients.path(source).path("stopped").asText()));
        return out;
    }

    private java.net.http.HttpHeaders rawHeaders(HttpRequest.Builder request) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(request.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).headers();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
