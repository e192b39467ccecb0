package dev.trackenricher.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.support.CliRun;
import dev.trackenricher.support.IntegrationTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The CSV import mode of the jar: all rows or none, bad rows named by line and field, non-zero exit. */
class CsvImportTest extends IntegrationTest {

    @Autowired
    ImportCsvCommand command;
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void importsEveryRowAsPending() throws Exception {
        Path csv = write("""
                artist_name,title,isrc,spotify_id,duration_ms
                Daft Punk,One More Time,GBDUW0000053,,320357
                "Crosby, Stills & Nash",Suite: Judy Blue Eyes,,,
                Sigur Rós,"Hoppípolla",,6eTGxxQxiTFE6LfZHC33Wm,268000
                """);

        int code = run(csv);

        assertThat(code).isZero();
        assertThat(out.toString()).contains("imported 3 tracks");
        assertThat(jdbc.queryForList("SELECT artist_name FROM tracks ORDER BY artist_name", String.class))
                .containsExactly("Crosby, Stills & Nash", "Daft Punk", "Sigur Rós");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrichment_status WHERE status = 'pending'", Integer.class)).isEqualTo(3);
    }

    @Test
    void onlyTheRequiredColumnsAreNeeded() throws Exception {
        assertThat(run(write("artist_name,title\nAC/DC,T.N.T.\n"))).isZero();
        assertThat(jdbc.queryForObject("SELECT title FROM tracks", String.class)).isEqualTo("T.N.T.");
    }

    @Test
    void aBadRowRejectsTheFileNamingLineAndFieldAndImportsNothing() throws Exception {
        Path csv = write("""
                artist_name,title,isrc,spotify_id,duration_ms
                Daft Punk,One More Time,,,320357
                ,Nameless,,,
                Justice,D.A.N.C.E.,NOT-AN-ISRC,,
                Moby,Porcelain,,,four minutes
                """);

        int code = run(csv);

        assertThat(code).isEqualTo(1);
        assertThat(err.toString())
                .contains("line 3, artist_name: is required")
                .contains("line 4, isrc:")
                .contains("line 5, duration_ms: \"four minutes\" is not a whole number")
                .contains("nothing was imported");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tracks", Integer.class)).isZero();
    }

    @Test
    void aWrongHeaderOrRaggedRowIsRejected() throws Exception {
        assertThat(run(write("artist,title\nA,B\n"))).isEqualTo(1);
        assertThat(err.toString()).contains("header: unknown column \"artist\"");
        err.reset();
        assertThat(run(write("artist_name,title\nA,B,C\n"))).isEqualTo(1);
        assertThat(err.toString()).contains("line 2, has 3 fields; the header has 2");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tracks", Integer.class)).isZero();
    }

    @Test
    void missingFileOrArgumentsExitNonZero() {
        assertThat(command.run(List.of(), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(command.run(List.of(dir.resolve("absent.csv").toString()), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString()).contains("usage: import-csv").contains("cannot read");
    }

    @Test
    void theJarsCommandLineModeImportsIntoTheConfiguredDatabase() throws Exception {
        Path csv = write("artist_name,title\nKraftwerk,Computer Love\n");
        int code = CliRun.jar(Map.of(), "import-csv", csv.toString()).code();
        assertThat(code).isZero();
        assertThat(jdbc.queryForObject("SELECT artist_name FROM tracks", String.class)).isEqualTo("Kraftwerk");
        assertThat(CliRun.jar(Map.of(), "import-csv", dir.resolve("absent.csv").toString()).code()).isEqualTo(2);
    }

    private int run(Path csv) {
        return command.run(List.of(csv.toString()), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String content) throws Exception {
        Path file = Files.createTempFile(dir, "tracks", ".csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
