package dev.trackenricher.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trackenricher.support.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The embedded PostgreSQL across processes (service processes on their default database, with its
 * data in a directory of this test): a second service joining while the owner lives leaves it
 * running; after the owner's {@code kill -9} the server runs on without an owner; a command-line
 * mode joins it and leaves it running; the next service takes it over, and its clean shutdown stops it.
 */
class EmbeddedDatabaseOrphanTest {

    @TempDir
    Path work;

    private Path dataDir;
    private int pgPort;
    private ServiceProcess owner;
    private ServiceProcess joiner;
    private ServiceProcess adopter;

    @BeforeEach
    void settings() {
        dataDir = work.resolve("postgres");
        pgPort = ServiceProcess.freePort();
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {owner, joiner, adopter}) {
            if (p != null) {
                p.close();
            }
        }
        // never leave a server behind, whatever failed
        Optional<ProcessHandle> left = postmaster();
        if (left.isPresent()) {
            left.get().destroy();
            left.get().onExit().get();
        }
    }

    @Test
    void aServiceThatTookOverAnOrphanStopsItAtShutdownAndNoJoinerWithALiveOwnerOrCommandEverDoes() throws Exception {
        owner = service("embedded-owner");
        owner.awaitUp(Duration.ofSeconds(180));
        ProcessHandle server = postmaster().orElseThrow(() -> new AssertionError("no postmaster on " + dataDir));
        assertThat(owner.logText()).contains("starting embedded PostgreSQL on port " + pgPort);

        // a second instance while the owner lives: it joins and, stopped cleanly, leaves the server to its owner
        joiner = service("embedded-joiner");
        joiner.awaitUp(Duration.ofSeconds(180));
        assertThat(joiner.logText()).contains("using the PostgreSQL already running on " + dataDir.toAbsolutePath())
                .doesNotContain("takes it over");
        joiner.close();
        assertThat(joiner.logText()).doesNotContain("stopped the PostgreSQL");
        assertThat(server.isAlive()).as("the joiner left the owner's server running").isTrue();
        assertThat(owner.http().get("/health").status()).isEqualTo(200);

        // kill -9: the owner cannot stop its server, which runs on without one
        owner.kill();
        Thread.sleep(500);
        assertThat(server.isAlive()).as("an orphan after kill -9").isTrue();

        // a command joins the orphan and never stops it
        Files.writeString(work.resolve("tracks.csv"), "artist_name,title\nDaft Punk,One More Time\nRobyn,Dancing On My Own\n");
        ServiceProcess.CommandResult imported = ServiceProcess.command("embedded-import-csv", work, Map.of(
                "enricher.embedded-db.data-dir", dataDir.toString(), "enricher.embedded-db.port", Integer.toString(pgPort)),
                "import-csv", work.resolve("tracks.csv").toString());
        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("imported 2 tracks");
        assertThat(server.isAlive()).as("a command never stops the server it joined, even an orphan").isTrue();
        assertThat(tracks()).isEqualTo(2);

        // the next service takes it over ...
        adopter = service("embedded-adopter");
        adopter.awaitUp(Duration.ofSeconds(180));
        assertThat(adopter.logText()).contains("was left running by a process that is gone; this service takes it over");
        assertThat(postmaster()).as("the same server, not a new one").map(ProcessHandle::pid).contains(server.pid());
        assertThat(tracks()).isEqualTo(2);

        // ... and its clean shutdown stops it, as the dead owner's would have
        adopter.close();
        await().atMost(Duration.ofSeconds(30)).until(() -> !server.isAlive());
        assertThat(adopter.logText()).contains("stopped the PostgreSQL on " + dataDir.toAbsolutePath());
        assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
    }

    private ServiceProcess service(String name) {
        return ServiceProcess.named(name).property("enricher.embedded-db.data-dir", dataDir.toString())
                .property("enricher.embedded-db.port", Integer.toString(pgPort)).start();
    }

    private int tracks() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:postgresql://localhost:" + pgPort + "/postgres", "postgres", "");
        return new JdbcTemplate(ds).queryForObject("SELECT count(*) FROM tracks", Integer.class);
    }

    /** The live postmaster of the data directory, from its postmaster.pid. */
    private Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
    }
}
