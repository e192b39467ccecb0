package dev.trackenricher.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The service as its own JVM process (java with this test run's classpath, profile {@code test}),
 * on a given database and the local stub APIs: for tests that kill it ({@code kill -9}) or run
 * several instances. Its output goes to target/service-logs/&lt;name&gt;.log.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Set<Process> ALIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> ALIVE.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the service; {@code properties} override the test profile (e.g. {@code enricher.batch.claim-timeout}). */
    public static ServiceProcess start(String name, String jdbcUrl, Map<String, String> properties) {
        int port = freePort();
        Path root = Path.of("").toAbsolutePath();
        Path log = root.resolve("target/service-logs/" + name + ".log");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), "dev.trackenricher.TrackEnricherApplication",
                "--spring.profiles.active=test", "--server.port=" + port, "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres", "--spring.datasource.password=postgres"));
        String stub = "http://localhost:" + ApiStubs.server().port();
        // (a property given twice on the command line would be read as both values joined by a comma)
        ApiStubs.PREFIX.forEach((source, prefix) -> {
            if (!properties.containsKey("enricher.sources." + source + ".base-url")) {
                cmd.add("--enricher.sources." + source + ".base-url=" + stub + prefix);
            }
        });
        if (!properties.containsKey("enricher.sources.spotify.token-url")) {
            cmd.add("--enricher.sources.spotify.token-url=" + stub + ApiStubs.TOKEN_PATH);
        }
        properties.forEach((k, v) -> cmd.add("--" + k + "=" + v));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ALIVE.add(process);
            return new ServiceProcess(name, process, port, log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the service process " + name, e);
        }
    }

    /** Waits until GET /health answers 200; fails with the end of the log if the process died or took too long. */
    public Duration awaitUp(Duration atMost) {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        Http anonymous = new Http(port, null);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " died while starting (exit " + process.exitValue() + "):\n" + logTail(60));
            }
            try {
                if (anonymous.get("/health").status() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (AssertionError notYet) {
                // connection refused: not listening yet
            }
            sleep(200);
        }
        throw new AssertionError(name + " not up within " + atMost + ":\n" + logTail(60));
    }

    public Http http() {
        return new Http(port);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** {@code kill -9}: the JVM gets no chance to run a shutdown hook, release claims or update the job repository. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
        ALIVE.remove(process);
    }

    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** A normal stop (SIGTERM, Spring's graceful shutdown), forced after 60 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            if (!waitFor(Duration.ofSeconds(60))) {
                process.destroyForcibly();
                waitFor(Duration.ofSeconds(10));
            }
        }
        ALIVE.remove(process);
    }

    private boolean waitFor(Duration d) {
        try {
            return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
