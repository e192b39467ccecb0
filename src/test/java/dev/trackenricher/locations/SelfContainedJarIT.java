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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar ({@code ./mvnw verify} runs this after {@code package}): {@code java -jar} from an
 * empty directory elsewhere serves {@code /health} with all six sources, its command-line modes work
 * there, and a configured routes location that does not exist stops it with one line naming it.
 */
class SelfContainedJarIT {

    private static Path jar;

    @TempDir
    Path work;

    private ServiceProcess service;

    @BeforeAll
    static void theBuiltJar() throws IOException {
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            jar = built.filter(p -> p.getFileName().toString().matches("track-enricher-[0-9.]+(-SNAPSHOT)?\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no track-enricher jar in target/: run ./mvnw verify (package comes first)"));
        }
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void javaMinusJarFromAnEmptyDirectoryServesEverySourceAndItsCommandsWorkThere() throws IOException {
        String db = TestDatabase.newDatabase("jar");
        service = ServiceProcess.named("jar-empty-dir").fromJar(jar).workingDirectory(work).database(db).start();
        service.awaitUp(Duration.ofSeconds(180));

        JsonNode health = new Http(service.port(), null).get("/health").json();
        List<String> clients = new ArrayList<>();
        health.path("api_clients").fieldNames().forEachRemaining(clients::add);
        assertThat(clients).containsExactlyInAnyOrderElementsOf(ApiStubs.SOURCES);
        assertThat(service.logText()).contains("routes: enrich.yaml, rest.yaml, sources.yaml from the jar")
                .contains("sources.yml from the jar");

        Map<String, String> onDb = Map.of("spring.datasource.url", db, "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres");
        Files.writeString(work.resolve("tracks.csv"), "artist_name,title\nDaft Punk,One More Time\n");
        ServiceProcess.CommandResult imported = ServiceProcess.commandFromJar("jar-import-csv", jar, work, onDb, "import-csv", "tracks.csv");
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("imported 1 tracks");

        ServiceProcess.CommandResult reprocess = ServiceProcess.commandFromJar("jar-reprocess", jar, work, onDb, "reprocess", "--dry-run");
        assertThat(reprocess.exitCode()).as(reprocess.output()).isZero();

        ServiceProcess.CommandResult report = ServiceProcess.commandFromJar("jar-report", jar, work, onDb, "report",
                "--service-url", "http://localhost:" + service.port());
        assertThat(report.exitCode()).as(report.output()).isZero();
        assertThat(report.output()).contains("Tracks: 1").contains("musicbrainz").contains("getsongbpm");
    }

    @Test
    void aConfiguredRoutesLocationThatDoesNotExistStopsTheJarWithOneLine() {
        Path missing = work.resolve("no-such-routes");
        service = ServiceProcess.named("jar-missing-routes").fromJar(jar).workingDirectory(work).env("ENRICHER_ROUTES_DIR", missing.toString())
                .start();

        assertThat(service.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
        assertThat(service.logText().strip()).isEqualTo("track-enricher: cannot start: enricher.routes-dir / ENRICHER_ROUTES_DIR is "
                + missing + ", which does not exist");
    }
}
