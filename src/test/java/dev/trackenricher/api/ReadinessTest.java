package dev.trackenricher.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.ServiceProcess;
import dev.trackenricher.support.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The port is polled from the moment the process starts: every documented path answers 503 with a
 * JSON reason until the service is ready, then 2xx, and never 404 (Tomcat listens before Camel's REST
 * routes have started). The probes answer without the API token, even with reads closed.
 */
class ReadinessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Probes, asked without a token. */
    private static final List<String> PROBES = List.of("/health", "/actuator/health", "/actuator/health/readiness",
            "/actuator/health/liveness");
    /** Reads, asked with the token (reads are closed here). */
    private static final List<String> READS = List.of("/jobs", "/api-docs");

    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    record Seen(long atMs, String path, int status, String body) {
    }

    @Test
    void fromTheFirstConnectionEveryDocumentedPathAnswers503UntilReadyThen2xxAndNever404() throws Exception {
        service = ServiceProcess.named("readiness").database(TestDatabase.newDatabase("readiness"))
                .property("enricher.security.open-reads", "false").start();
        Http anonymous = new Http(service.port(), null);
        Http withToken = new Http(service.port());
        long start = System.nanoTime();
        long deadline = start + Duration.ofSeconds(180).toNanos();
        List<Seen> seen = new ArrayList<>();
        Map<String, Integer> firstReady = new LinkedHashMap<>();
        List<String> paths = new ArrayList<>(PROBES);
        paths.addAll(READS);
        while (firstReady.size() < paths.size()) {
            assertThat(System.nanoTime()).as("ready within 180 s:\n" + service.logTail(40)).isLessThan(deadline);
            assertThat(service.alive()).as("the service died:\n" + service.logTail(40)).isTrue();
            for (String path : paths) {
                Http.Answer answer;
                try {
                    answer = (PROBES.contains(path) ? anonymous : withToken).get(path);
                } catch (AssertionError notListening) {
                    continue;   // connection refused: Tomcat is not listening yet
                }
                seen.add(new Seen((System.nanoTime() - start) / 1_000_000, path, answer.status(), answer.body()));
                if (answer.status() / 100 == 2) {
                    firstReady.putIfAbsent(path, seen.size() - 1);
                }
            }
            Thread.sleep(10);
        }

        List<Seen> wrong = seen.stream().filter(s -> s.status() != 503 && s.status() / 100 != 2).toList();
        assertThat(wrong).as("answers neither 503 nor 2xx (a 404 means a request reached a route not yet started)").isEmpty();
        for (Seen s : seen.stream().filter(s -> s.status() == 503).toList()) {
            JsonNode body = JSON.readTree(s.body());
            if (s.path().startsWith("/actuator")) {
                // Spring Boot's own answer: liveness is DOWN until the context has started, readiness OUT_OF_SERVICE until ready
                assertThat(body.path("status").asText()).as(s.toString()).isIn("DOWN", "OUT_OF_SERVICE");
            } else {
                assertThat(body.path("status").asText()).as(s.toString()).isEqualTo("OUT_OF_SERVICE");
                assertThat(body.path("error").asText()).as(s.toString()).startsWith("not ready: the service is starting");
            }
        }
        // once ready, ready: no path goes back to 503
        for (String path : paths) {
            int first = firstReady.get(path);
            assertThat(seen.subList(first, seen.size())).filteredOn(s -> s.path().equals(path))
                    .allMatch(s -> s.status() / 100 == 2, path + " stays ready");
        }
        long notReady = seen.stream().filter(s -> s.path().equals("/health") && s.status() == 503).count();
        assertThat(notReady).as("/health said not ready before it was (the window this test is about)").isPositive();
        assertThat(anonymous.get("/actuator/health/readiness").json().path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.get("/actuator/health/liveness").json().path("status").asText()).isEqualTo("UP");
        assertThat(anonymous.get("/jobs").status()).as("reads are closed: the probes' openness is theirs alone").isEqualTo(401);
        System.out.printf("readiness: %d answers polled; %s%n", seen.size(), paths.stream()
                .map(p -> p + " 503×" + seen.stream().filter(s -> s.path().equals(p) && s.status() == 503).count() + " then 2xx at "
                        + seen.get(firstReady.get(p)).atMs() + " ms")
                .collect(Collectors.joining("; ")));
    }
}
