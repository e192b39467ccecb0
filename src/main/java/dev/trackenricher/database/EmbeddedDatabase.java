package dev.trackenricher.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server from a Maven artifact (zonky), with its data in a directory of ours. If a
 * server is already running on that directory, it is used as it is instead of starting a second one:
 * <ul>
 * <li>its owner (the process that started it) is alive — the service, while a CLI mode of the jar or a
 * second instance starts: joined, never stopped; the owner stops it;
 * <li>its owner is gone (killed with {@code kill -9}, so it could not stop it): a service takes it over
 * ({@code adopt-orphan}) and stops it at its own clean shutdown, as its owner would have. A CLI mode
 * only joins it (application-cli.yml), so a short command never stops the database a service may be
 * about to use.
 * </ul>
 * Who owns it is told by zonky's own lock file in the data directory ({@value #OWNER_LOCK}): its owner
 * holds an OS file lock on it for as long as it lives, and the OS releases the lock when the owner dies,
 * however it dies. A service that takes a server over holds the same lock, so it is its owner in turn.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);
    /** zonky's EmbeddedPostgres locks this file in the data directory while it runs the server. */
    static final String OWNER_LOCK = "epg-lock";

    private final EmbeddedPostgres started;
    private final Adopted adopted;
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres started, Adopted adopted, int port) {
        this.started = started;
        this.adopted = adopted;
        this.port = port;
    }

    public static EmbeddedDatabase startOrJoin(EmbeddedDatabaseSettings settings) throws IOException {
        Path dataDir = settings.dataDir().toAbsolutePath();
        Optional<Postmaster> running = Postmaster.running(dataDir);
        if (running.isPresent()) {
            Postmaster pm = running.get();
            if (settings.adoptOrphan()) {
                Optional<Adopted> adopted = Adopted.ifOrphan(dataDir, pm, settings.stopWait());
                if (adopted.isPresent()) {
                    log.info("the PostgreSQL on {} (port {}, pid {}) was left running by a process that is gone; this service "
                            + "takes it over and stops it at its shutdown", dataDir, pm.port(), pm.pid());
                    return new EmbeddedDatabase(null, adopted.get(), pm.port());
                }
            }
            log.info("using the PostgreSQL already running on {} (port {}); the process that started it stops it", dataDir, pm.port());
            return new EmbeddedDatabase(null, null, pm.port());
        }
        Files.createDirectories(dataDir);
        log.info("starting embedded PostgreSQL on port {} with data in {}", settings.port(), dataDir);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(settings.port())
                .setPGStartupWait(settings.startupWait())
                .start();
        return new EmbeddedDatabase(pg, null, settings.port());
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    /** Whether this process stops the server at its shutdown: it started it, or took it over from a dead owner. */
    public boolean ownsServer() {
        return started != null || adopted != null;
    }

    @Override
    public void close() throws IOException {
        if (started != null) {
            started.close();
        }
        if (adopted != null) {
            adopted.stop();
        }
    }

    /**
     * A running server, as its postmaster.pid describes it: pid, data directory, start time, port (the
     * file's first four lines, PostgreSQL's documented layout).
     */
    record Postmaster(long pid, Path dataDir, String startTime, int port) {

        static Optional<Postmaster> running(Path dataDir) {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            try {
                List<String> lines = Files.readAllLines(pidFile);
                Postmaster pm = new Postmaster(Long.parseLong(lines.get(0).trim()), Path.of(lines.get(1).trim()), lines.get(2).trim(),
                        Integer.parseInt(lines.get(3).trim()));
                return ProcessHandle.of(pm.pid()).filter(ProcessHandle::isAlive).map(p -> pm);
            } catch (IOException | RuntimeException unreadable) {
                return Optional.empty();
            }
        }

        /** The same server still runs: same pid, same start time (a pid the OS gave to another process would not match). */
        boolean stillRunning() {
            return running(dataDir).filter(now -> now.pid() == pid && now.startTime().equals(startTime)).isPresent();
        }
    }

    /** A server taken over from a dead owner: the owner's lock, held until it is stopped. */
    private record Adopted(Path dataDir, Postmaster postmaster, Path pgCtl, FileChannel lockFile, FileLock lock, Duration stopWait) {

        /**
         * Takes the server over if nobody holds its owner lock, and if it is certainly the server of this
         * data directory, run from zonky's binaries (pg_ctl stops it as zonky does); else empty.
         */
        static Optional<Adopted> ifOrphan(Path dataDir, Postmaster pm, Duration stopWait) throws IOException {
            Optional<Path> pgCtl = ProcessHandle.of(pm.pid()).flatMap(p -> p.info().command()).map(Path::of)
                    .filter(cmd -> cmd.getFileName().toString().equals("postgres"))
                    .map(cmd -> cmd.resolveSibling("pg_ctl")).filter(Files::isExecutable);
            if (pgCtl.isEmpty() || !sameDirectory(pm.dataDir(), dataDir)) {
                log.info("the PostgreSQL on {} (pid {}) is not one this service can stop safely; it is joined, not taken over",
                        dataDir, pm.pid());
                return Optional.empty();
            }
            FileChannel channel;
            try {
                // never created here: without zonky's file the server was not started by a process like ours
                channel = FileChannel.open(dataDir.resolve(OWNER_LOCK), StandardOpenOption.WRITE);
            } catch (NoSuchFileException notZonkys) {
                return Optional.empty();
            }
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new Adopted(dataDir, pm, pgCtl.get(), channel, lock, stopWait));
        }

        private static boolean sameDirectory(Path a, Path b) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                return false;
            }
        }

        void stop() throws IOException {
            try {
                if (!postmaster.stillRunning()) {
                    return;
                }
                // as zonky stops the servers it started: fast (open transactions roll back), waiting for the end; and, as
                // zonky runs its binaries, in a user namespace when this process is root (pg_ctl refuses to run as root)
                List<String> command = new ArrayList<>();
                if (LinuxUtils.isUnshareAvailable()) {
                    command.addAll(List.of("unshare", "-U"));
                }
                command.addAll(List.of(pgCtl.toString(), "-D", dataDir.toString(), "stop", "-m", "fast", "-w",
                        "-t", Long.toString(Math.max(1, stopWait.toSeconds()))));
                Process pgCtlStop = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(pgCtlStop.getInputStream().readAllBytes()).strip();
                boolean ended = pgCtlStop.waitFor(stopWait.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                if (ended && pgCtlStop.exitValue() == 0) {
                    log.info("stopped the PostgreSQL on {} (pid {}) that this service had taken over", dataDir, postmaster.pid());
                } else {
                    log.warn("could not stop the PostgreSQL on {} (pid {}): {}; stop it with: {} -D {} stop -m fast", dataDir,
                            postmaster.pid(), output, pgCtl, dataDir);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.release();
                lockFile.close();
            }
        }
    }
}
