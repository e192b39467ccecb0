package dev.trackenricher.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server from a Maven artifact (zonky), with its data in a directory of ours. If a
 * server is already running on that directory (the service, while a CLI mode of the jar starts; or
 * one left behind by a killed process), it is used as it is instead of starting a second one.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres started;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres started, int port) {
        this.started = started;
        this.port = port;
    }

    public static EmbeddedDatabase startOrJoin(EmbeddedDatabaseSettings settings) throws IOException {
        Path dataDir = settings.dataDir().toAbsolutePath();
        Optional<Integer> running = runningPort(dataDir);
        if (running.isPresent()) {
            log.info("using the PostgreSQL already running on {} (port {})", dataDir, running.get());
            return new EmbeddedDatabase(null, running.get());
        }
        Files.createDirectories(dataDir);
        log.info("starting embedded PostgreSQL on port {} with data in {}", settings.port(), dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(settings.port())
                .setPGStartupWait(settings.startupWait())
                .start();
        return new EmbeddedDatabase(pg, settings.port());
    }

    /** The port of a live postmaster on this data directory, read from its postmaster.pid. */
    static Optional<Integer> runningPort(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pidFile);
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> port);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    public boolean startedHere() {
        return started != null;
    }

    @Override
    public void close() throws IOException {
        if (started != null) {
            started.close();
        }
    }
}
