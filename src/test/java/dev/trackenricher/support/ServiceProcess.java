package dev.trackenricher.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The service as its own JVM process (java with this test run's classpath, profile {@code test}),
 * on a given database and the local stub APIs: for tests that kill it ({@code kill -9}), run
 * several instances, or start it elsewhere as it ships ({@link #named}). Its output goes to
 * target/service-logs/&lt;name&gt;.log.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Set<Process> ALIVE = ConcurrentHashMap.newKeySet();
    private static final Path ROOT = Path.of("").toAbsolutePath();

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
        return named(name).database(jdbcUrl).properties(properties).start();
    }

    /** A service process to configure and {@link Builder#start()}: by default as {@link #start} starts it. */
    public static Builder named(String name) {
        return new Builder(name);
    }

    /** How a service process is started. */
    public static final class Builder {

        private final String name;
        private String jdbcUrl;
        private Path workingDirectory = ROOT;
        private boolean asShipped;
        private Path jar;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, String> environment = new LinkedHashMap<>();

        private Builder(String name) {
            this.name = name;
        }

        /** This database (user and password postgres); without one, the service's default, its embedded PostgreSQL. */
        public Builder database(String url) {
            this.jdbcUrl = url;
            return this;
        }

        /** The process's working directory (default: the repository root, where routes/ and batch-config/ are). */
        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /**
         * The service as it ships: the main classes and resources only (no test classes, so no
         * application-test.yml), no test profile, the APIs' real addresses (nothing calls them unless a run starts).
         */
        public Builder asShipped() {
            this.asShipped = true;
            return this;
        }

        /** The built jar itself ({@code java -jar}), as shipped (implies {@link #asShipped()}). */
        public Builder fromJar(Path builtJar) {
            this.jar = builtJar.toAbsolutePath();
            this.asShipped = true;
            return this;
        }

        /** {@code --key=value}; wins over the profile and batch-config/. */
        public Builder property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        public Builder properties(Map<String, String> more) {
            properties.putAll(more);
            return this;
        }

        /** An environment variable of the process (e.g. ENRICHER_ROUTES_DIR). */
        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public ServiceProcess start() {
            int port = properties.containsKey("server.port") ? Integer.parseInt(properties.get("server.port")) : freePort();
            Path log = ROOT.resolve("target/service-logs/" + name + ".log");
            List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"));
            cmd.addAll(jar != null ? List.of("-jar", jar.toString())
                    : List.of("-cp", classpath(asShipped), "dev.trackenricher.TrackEnricherApplication"));
            if (!asShipped) {
                cmd.add("--spring.profiles.active=test");
            }
            if (!properties.containsKey("server.port")) {
                cmd.add("--server.port=" + port);
            }
            if (jdbcUrl != null) {
                cmd.addAll(List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres"));
            }
            if (!asShipped) {
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
            }
            properties.forEach((k, v) -> cmd.add("--" + k + "=" + v));
            try {
                Files.createDirectories(log.getParent());
                ProcessBuilder builder = new ProcessBuilder(cmd).directory(workingDirectory.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().putAll(environment);
                Process process = builder.start();
                ALIVE.add(process);
                return new ServiceProcess(name, process, port, log);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the service process " + name, e);
            }
        }
    }

    /** What a command-line mode of the jar printed and its exit code. */
    public record CommandResult(int exitCode, String output) {
    }

    /**
     * Runs a command-line mode of the jar ({@code import-csv}, {@code reprocess}, {@code report}) as its
     * own process, with the test classpath; its settings as system properties, which is how a command
     * takes them (its arguments are the command's).
     */
    public static CommandResult command(String name, Path workingDirectory, Map<String, String> systemProperties, String... args) {
        return command(name, workingDirectory, systemProperties, List.of("-cp", classpath(false), "dev.trackenricher.TrackEnricherApplication"),
                args);
    }

    /** The same with the built jar ({@code java -jar}). */
    public static CommandResult commandFromJar(String name, Path jar, Path workingDirectory, Map<String, String> systemProperties,
                                               String... args) {
        return command(name, workingDirectory, systemProperties, List.of("-jar", jar.toAbsolutePath().toString()), args);
    }

    private static CommandResult command(String name, Path workingDirectory, Map<String, String> systemProperties, List<String> launch,
                                         String... args) {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx256m", "-XX:TieredStopAtLevel=1"));
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.addAll(launch);
        cmd.addAll(List.of(args));
        Path log = ROOT.resolve("target/service-logs/" + name + ".log");
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(cmd).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            ALIVE.add(process);
            try {
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(name + " did not end within 120 s:\n" + Files.readString(log));
                }
            } finally {
                ALIVE.remove(process);
            }
            return new CommandResult(process.exitValue(), Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + name, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** This test run's classpath; {@code mainOnly}: without the test classes and resources (what the jar holds, and its libraries). */
    private static String classpath(boolean mainOnly) {
        String all = System.getProperty("java.class.path");
        if (!mainOnly) {
            return all;
        }
        return Arrays.stream(all.split(File.pathSeparator)).filter(e -> !Path.of(e).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
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

    /** Waits for the process to end by itself (a start that must fail) and returns its exit code. */
    public int awaitExit(Duration atMost) {
        if (!waitFor(atMost)) {
            throw new AssertionError(name + " still running after " + atMost + ":\n" + logTail(60));
        }
        ALIVE.remove(process);
        return process.exitValue();
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

    public static int freePort() {
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
