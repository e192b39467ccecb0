package dev.trackenricher.track;

import dev.trackenricher.cli.CliCommand;
import dev.trackenricher.source.SourcesProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code export [--format csv|jsonl] [--out FILE|-] [--status S] [--source NAME] [--outcome O] [--q TEXT]}:
 * the catalogue as GET /tracks/export answers it, to a file or stdout. A file is written beside its
 * name first and moved into place when complete, so a failed export never leaves half a file.
 */
@Component
public class ExportCommand implements CliCommand {

    private static final List<String> FLAGS = List.of("--format", "--out", "--status", "--source", "--outcome", "--q");

    private final CatalogueExport export;
    private final SourcesProperties sources;

    public ExportCommand(CatalogueExport export, SourcesProperties sources) {
        this.export = export;
        this.sources = sources;
    }

    @Override
    public String name() {
        return "export";
    }

    @Override
    public String summary() {
        return "export [--format csv|jsonl] [--out FILE|-] [--status S] [--source NAME] [--outcome O] [--q TEXT]   the catalogue, one row per track";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            int eq = arg.indexOf('=');
            String flag = arg.startsWith("--") && eq > 0 ? arg.substring(0, eq) : arg;
            if (!FLAGS.contains(flag)) {
                return usage(err, arg.startsWith("-") ? "unknown flag " + flag : "unexpected argument \"" + arg + "\"");
            }
            String value;
            if (eq > 0 && arg.startsWith("--")) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !(args.get(i + 1).startsWith("--"))) {
                value = args.get(++i);
            } else {
                return usage(err, flag + ": needs a value");
            }
            if (flags.put(flag, value) != null) {
                return usage(err, flag + ": given more than once");
            }
        }
        ExportFormat format;
        TrackFilter filter;
        try {
            format = ExportFormat.parse(flags.getOrDefault("--format", "csv"));
        } catch (IllegalArgumentException e) {
            return usage(err, "--format: " + e.getMessage());
        }
        try {
            filter = TrackFilter.parse(name -> flags.get("--" + name), name -> "--" + name, sources.sources().keySet());
        } catch (TrackFilter.Invalid e) {
            return usage(err, e.getMessage());
        }
        String target = flags.getOrDefault("--out", "-");
        if (target.isBlank()) {
            return usage(err, "--out: needs a file name, or - for stdout");
        }
        if (!target.equals("-")) {
            Path file = Path.of(target).toAbsolutePath();
            if (Files.isDirectory(file)) {
                return usage(err, "--out: " + target + " is a directory");
            }
            if (!Files.isDirectory(file.getParent())) {
                return usage(err, "--out: the directory " + file.getParent() + " does not exist");
            }
        }
        try {
            long rows = target.equals("-") ? toStdout(filter, format, out) : toFile(filter, format, Path.of(target).toAbsolutePath());
            err.println("export: " + rows + " tracks (" + filter + ") as " + format.wireName() + " to " + (target.equals("-") ? "stdout" : target));
            return 0;
        } catch (CatalogueExport.Busy e) {
            err.println("export: " + e.getMessage());
            return 1;
        } catch (IOException | SQLException e) {
            err.println("export: failed: " + e.getMessage());
            return 1;
        }
    }

    private long toStdout(TrackFilter filter, ExportFormat format, PrintStream out) throws IOException, SQLException {
        try (ExportStream rows = export.open(filter, format)) {
            rows.transferTo(out);
            out.flush();
            // a PrintStream keeps write errors to itself (a closed pipe): ask it
            if (out.checkError()) {
                throw new IOException("could not write to stdout");
            }
            return rows.rowCount();
        }
    }

    private long toFile(TrackFilter filter, ExportFormat format, Path file) throws IOException, SQLException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (ExportStream rows = export.open(filter, format)) {
            try (OutputStream to = Files.newOutputStream(partial)) {
                rows.transferTo(to);
            }
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return rows.rowCount();
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private int usage(PrintStream err, String reason) {
        err.println("export: " + reason + "; usage: " + summary());
        return 2;
    }
}
