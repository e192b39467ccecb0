package dev.trackenricher.locations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.ServiceProcess;
import dev.trackenricher.support.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as it ships (main classes and resources only, no test profile), started as its own
 * process outside the repository: from an empty directory it runs on the routes and settings inside
 * it; directories beside it or configured override them; a configured location that is not there
 * stops it with one line.
 */
class SelfContainedStartTest {

    @TempDir
    Path work;

    private ServiceProcess service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void fromAnEmptyDirectoryItServesHealthWithEverySourceFromTheSettingsInsideIt() throws IOException {
        service = ServiceProcess.named("self-contained-empty-dir").asShipped().workingDirectory(work)
                .database(TestDatabase.newDatabase("selfcontained")).start();
        service.awaitUp(Duration.ofSeconds(180));

        JsonNode health = new Http(service.port(), null).get("/health").json();
        List<String> clients = new ArrayList<>();
        health.path("api_clients").fieldNames().forEachRemaining(clients::add);
        assertThat(clients).containsExactlyInAnyOrderElementsOf(ApiStubs.SOURCES);
        // the jar's batch-config/sources.yml: every source on but AcousticBrainz (its public service is frozen)
        ApiStubs.SOURCES.forEach(s -> assertThat(health.path("api_clients").path(s).path("enabled").asBoolean())
                .as(s + " enabled").isEqualTo(!s.equals("acousticbrainz")));

        String log = service.logText();
        assertThat(log).contains("routes: enrich.yaml, rest.yaml, sources.yaml from the jar (classpath:routes/*.yaml)")
                .contains("settings: enricher.yml, merge.yml, reprocess.yml, security.yml, sources.yml from the jar")
                .contains("no settings directory");
        // nothing was needed beside it; what it made there is its data (the generated API token)
        try (Stream<Path> made = Files.list(work)) {
            assertThat(made.map(p -> p.getFileName().toString())).containsExactly("data");
        }
    }

    @Test
    void aSettingsDirectoryBesideItAndAConfiguredRoutesDirectoryOverrideTheJars() throws IOException {
        Files.createDirectories(work.resolve("batch-config"));
        Files.writeString(work.resolve("batch-config/sources.yml"), """
                enricher:
                  sources:
                    musicbrainz:
                      enabled: false
                """);
        Files.writeString(work.resolve("batch-config/extra.yml"), "enricher: {}\n");
        // a copy of the routes whose health endpoint is described differently: /api-docs tells which routes run
        Path routes = Files.createDirectories(work.resolve("operator/routes"));
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path f : files.toList()) {
                Files.writeString(routes.resolve(f.getFileName()), Files.readString(f).replace(
                        "Database, and per API client its breaker state", "Operator routes: database and per API client its breaker state"));
            }
        }
        service = ServiceProcess.named("self-contained-overrides").asShipped().workingDirectory(work)
                .database(TestDatabase.newDatabase("selfcontained")).env("ENRICHER_ROUTES_DIR", routes.toString()).start();
        service.awaitUp(Duration.ofSeconds(180));

        Http http = new Http(service.port(), null);
        JsonNode clients = http.get("/health").json().path("api_clients");
        assertThat(clients.path("musicbrainz").path("enabled").asBoolean()).as("set by the directory's sources.yml").isFalse();
        assertThat(clients.path("discogs").path("enabled").asBoolean()).as("left to the jar's sources.yml").isTrue();
        assertThat(clients.path("acousticbrainz").path("enabled").asBoolean()).isFalse();
        assertThat(http.get("/api-docs").json().path("paths").path("/health").path("get").path("summary").asText())
                .startsWith("Operator routes:");

        String log = service.logText();
        assertThat(log).contains("routes: enrich.yaml, rest.yaml, sources.yaml from " + routes + " (ENRICHER_ROUTES_DIR), instead of the jar's")
                .contains("overridden key by key by sources.yml from " + work.resolve("batch-config") + " (the working directory's batch-config/)")
                .contains("extra.yml not read");
    }

    @Test
    void aConfiguredRoutesLocationThatDoesNotExistStopsTheStartWithOneLineNamingIt() {
        Path missing = work.resolve("no-such-routes");
        service = ServiceProcess.named("self-contained-missing-routes").asShipped().workingDirectory(work)
                .env("ENRICHER_ROUTES_DIR", missing.toString()).start();

        int exit = service.awaitExit(Duration.ofSeconds(60));

        assertThat(exit).isEqualTo(2);
        assertThat(service.logText().strip()).isEqualTo("track-enricher: cannot start: enricher.routes-dir / ENRICHER_ROUTES_DIR is "
                + missing + ", which does not exist");
    }
}
