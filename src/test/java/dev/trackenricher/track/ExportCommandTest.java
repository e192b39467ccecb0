package dev.trackenricher.track;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.support.CliRun;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.TestTrack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/** The jar's export command: what GET /tracks/export answers, to a file or stdout; bad flags exit 2 with one line. */
class ExportCommandTest extends IntegrationTest {

    @Autowired
    ExportCommand command;
    @TempDir
    Path dir;

    CliRun run(String... args) {
        return CliRun.capture((out, err) -> command.run(List.of(args), out, err));
    }

    @Test
    void writesTheSameAsTheRestExportToAFileOrStdout() throws Exception {
        List<UUID> ids = addTracks(List.of(TestTrack.numbered(1), TestTrack.numbered(2)));
        jdbc.update("UPDATE enrichment_status SET status = 'failed' WHERE track_id = ?", ids.get(0));
        Path file = dir.resolve("catalogue.csv");

        CliRun toFile = run("--format", "csv", "--out", file.toString());
        CliRun toStdout = run("--format=jsonl", "--out", "-", "--status", "failed");

        assertThat(toFile.code()).as(toFile.err()).isZero();
        assertThat(toFile.err()).contains("export: 2 tracks (all tracks) as csv to " + file);
        assertThat(Files.readString(file)).isEqualTo(new Http(port).get("/tracks/export?format=csv").body());
        assertThat(Files.list(dir)).containsExactly(file);
        assertThat(toStdout.code()).isZero();
        assertThat(toStdout.out()).isEqualTo(new Http(port).get("/tracks/export?format=jsonl&status=failed").body());
        assertThat(toStdout.out().lines()).hasSize(1).first().asString().contains(ids.get(0).toString());
    }

    @Test
    void aBadFlagExits2WithOneLineAndWritesNothing() throws Exception {
        Path file = dir.resolve("x.csv");
        for (List<String> args : List.of(
                List.of("--format", "xml", "--out", file.toString()),
                List.of("--status", "lost", "--out", file.toString()),
                List.of("--source", "napster", "--out", file.toString()),
                List.of("--outcome", "gone", "--out", file.toString()),
                List.of("--colour", "red"),
                List.of("--out"),
                List.of("--out", dir.toString()),
                List.of("--out", dir.resolve("no/such/dir/x.csv").toString()),
                List.of("--format", "csv", "--format", "jsonl"),
                List.of("stray"))) {
            CliRun r = run(args.toArray(String[]::new));
            assertThat(r.code()).as(args.toString()).isEqualTo(2);
            assertThat(r.err().lines()).as(args.toString()).hasSize(1).first().asString().startsWith("export: ");
        }
        assertThat(run("--format", "xml").err()).startsWith("export: --format: \"xml\" is not a format (csv, jsonl)");
        assertThat(run("--status", "lost").err()).startsWith("export: --status: \"lost\" is not a status");
        assertThat(Files.exists(file)).isFalse();
    }

    @Test
    void theJarRunsItAsACommand() throws Exception {
        addTracks(List.of(TestTrack.numbered(7)));
        Path file = dir.resolve("out.jsonl");

        CliRun r = CliRun.jar(Map.of(), "export", "--format", "jsonl", "--out", file.toString());

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(file)).contains("\"artist_name\":\"Artist 7\"");
    }
}
