package dev.trackenricher.track;

import dev.trackenricher.cli.CliCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.stereotype.Component;

/** {@code import-csv <file>}: adds the file's tracks as pending, or nothing at all. */
@Component
public class ImportCsvCommand implements CliCommand {

    private final CsvTrackImporter importer;

    public ImportCsvCommand(CsvTrackImporter importer) {
        this.importer = importer;
    }

    @Override
    public String name() {
        return "import-csv";
    }

    @Override
    public String summary() {
        return "import-csv <file.csv>   add tracks (header: artist_name,title[,isrc,spotify_id,duration_ms])";
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            err.println("usage: " + summary());
            return 2;
        }
        Path file = Path.of(args.get(0));
        if (!Files.isReadable(file)) {
            err.println("import-csv: cannot read " + file);
            return 2;
        }
        try {
            CsvTrackImporter.Result result = importer.importFile(file);
            if (!result.ok()) {
                result.errors().forEach(e -> err.println(file + ": " + e));
                err.println("import-csv: " + result.errors().size() + " problem(s); nothing was imported");
                return 1;
            }
            out.println("imported " + result.ids().size() + " tracks from " + file + " (status pending)");
            return 0;
        } catch (IOException e) {
            err.println("import-csv: " + e.getMessage());
            return 1;
        }
    }
}
