package dev.trackenricher.support;

import dev.trackenricher.TrackEnricherApplicationCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** One command-line run in this JVM: its exit code and what it wrote to stdout and stderr. */
public record CliRun(int code, String out, String err) {

    /** A command that writes to the streams it is given, e.g. {@code (out, err) -> command.run(args, out, err)}. */
    @FunctionalInterface
    public interface Command {
        int run(PrintStream out, PrintStream err);
    }

    /** Runs a command on two capturing streams. */
    public static CliRun capture(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * {@code java -jar track-enricher.jar <args>} in this JVM, on the test database: its own Spring
     * context reads these properties (set as system properties for the run, then cleared), and
     * System.out and System.err are captured meanwhile.
     */
    public static synchronized CliRun jar(Map<String, String> properties, String... args) {
        Map<String, String> all = new HashMap<>();
        all.put("spring.datasource.url", TestDatabase.jdbcUrl());
        all.put("spring.datasource.username", "postgres");
        all.put("spring.datasource.password", "postgres");
        all.putAll(properties);
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        all.forEach(System::setProperty);
        try {
            return capture((out, err) -> {
                System.setOut(out);
                System.setErr(err);
                return TrackEnricherApplicationCli.run(args);
            });
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            all.keySet().forEach(System::clearProperty);
        }
    }
}
