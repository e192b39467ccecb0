package dev.trackenricher.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A command-line mode of the jar ({@code java -jar track-enricher.jar <name> …}). It runs in a
 * Spring context without the web server or routes, on the same database as the service.
 */
public interface CliCommand {

    String name();

    /** One line for the usage text. */
    String summary();

    /** @return the process exit code: 0 success, non-zero with a one-line reason on err */
    int run(List<String> args, PrintStream out, PrintStream err);
}
