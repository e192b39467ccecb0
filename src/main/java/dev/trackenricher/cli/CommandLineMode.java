package dev.trackenricher.cli;

import java.util.List;
import java.util.Set;

/** Tells a command-line invocation apart from a service start. */
public final class CommandLineMode {

    /** The commands the jar knows; a first argument among these runs it instead of the service. */
    public static final Set<String> COMMANDS = Set.of("import-csv", "reprocess", "report", "export");
    public static final String PROFILE = "cli";

    private CommandLineMode() {
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static List<String> commandArgs(String[] args) {
        return List.of(args).subList(1, args.length);
    }
}
