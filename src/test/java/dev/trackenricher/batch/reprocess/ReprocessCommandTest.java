package dev.trackenricher.batch.reprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trackenricher.support.CliRun;
import dev.trackenricher.support.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The command line: every usage example of the specification as written, --help, the exit codes and
 * one-line reasons for bad flags; then the jar's own command-line mode (a separate Spring context
 * with profile cli, as {@code java -jar … reprocess} runs) and the bin/reprocess-failed-enrichments script.
 */
class ReprocessCommandTest extends SeededMix {

    @Autowired
    ReprocessCommand command;
    @Autowired
    JobExplorer jobs;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void everyUsageExampleOfTheSpecificationRunsAsWritten() {
        ZoneId zone = ZoneId.systemDefault();
        UUID inWeek = seed.track("failed", LocalDateTime.of(2025, 10, 3, 12, 0).atZone(zone).toInstant(), false, 1, "spotify=failed");
        UUID weekEnd = seed.track("partial", LocalDateTime.of(2025, 10, 7, 23, 0).atZone(zone).toInstant(), true, 0, "lastfm=failed");
        seed.track("failed", LocalDateTime.of(2025, 10, 8, 0, 30).atZone(zone).toInstant(), false, 1, "spotify=failed");
        String before = seed.snapshot();

        assertThat(run("--dry-run")).isZero();
        assertThat(text()).contains("TRACK", "ARTIST – TITLE", "STATUS", "RETRIES", "LAST ATTEMPT", "FAILING SOURCES")
                .contains("matched: 8 tracks (failed 5, partial 3; retriable 3)").contains("dry run: nothing was changed");
        assertThat(seed.snapshot()).isEqualTo(before);

        assertThat(run("--start-date 2025-10-01 --end-date 2025-10-07 --limit 500")).isZero();
        assertThat(text()).contains(inWeek.toString(), weekEnd.toString()).contains("matched: 2 tracks").contains("reset: 2 tracks");

        assertThat(run("--track-id " + b)).isZero();
        assertThat(text()).contains(b.toString()).contains("matched: 1 track ").contains("reset: 1 tracks");

        assertThat(run("--days 7")).isZero();
        assertThat(text()).contains(a.toString(), d.toString()).contains("matched: 2 tracks").doesNotContain(h.toString());

        assertThat(run("--retriable-only --limit 200")).isZero();
        assertThat(text()).contains("matched: 0 tracks");

        assertThat(run("--source spotify --limit 100")).isZero();
        assertThat(text()).contains(h.toString()).contains("matched: 2 tracks").contains("their next run asks only spotify");

        assertThat(run("--trigger-now --limit 50")).isZero();
        assertThat(text()).contains(c.toString()).contains("matched: 1 track ").contains("enrichment started: enrich job execution");
        awaitEnrich(text());
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void badFlagsExitNonZeroWithOneLineNamingTheFlagAndChangeNothing() {
        String before = seed.snapshot();
        Map<String, String> bad = Map.ofEntries(
                Map.entry("--retriable-only --non-retriable-only", "--retriable-only and --non-retriable-only exclude each other"),
                Map.entry("--start-date 2025-02-30", "--start-date: 2025-02-30 is not a day of the calendar"),
                Map.entry("--end-date 07.10.2025", "--end-date: \"07.10.2025\" is not a date in the form YYYY-MM-DD"),
                Map.entry("--start-date 2025-10-07 --end-date 2025-10-01", "--end-date: 2025-10-01 is before --start-date 2025-10-07"),
                Map.entry("--days 0", "--days: must be a positive whole number, got 0"),
                Map.entry("--days -2", "--days: must be a positive whole number, got -2"),
                Map.entry("--limit 0", "--limit: must be a positive whole number, got 0"),
                Map.entry("--limit -10", "--limit: must be a positive whole number, got -10"),
                Map.entry("--source deezer", "--source: unknown source \"deezer\"; configured: "),
                Map.entry("--track-id 42", "--track-id: \"42\" is not a track id"),
                Map.entry("--track-id", "--track-id: needs a value"),
                Map.entry("--verbose", "unknown flag --verbose"));
        bad.forEach((args, message) -> {
            out.reset();
            err.reset();
            assertThat(run(args)).as(args).isEqualTo(2);
            String reason = err.toString(StandardCharsets.UTF_8);
            assertThat(reason.lines().toList()).as(args).hasSize(1);
            assertThat(reason).as(args).startsWith("reprocess: ").contains(message);
            assertThat(text()).as(args).isEmpty();
        });
        assertThat(seed.snapshot()).isEqualTo(before);
    }

    @Test
    void helpListsEveryFlag() {
        assertThat(run("--help")).isZero();
        assertThat(text()).contains("--days N", "--start-date YYYY-MM-DD", "--end-date YYYY-MM-DD", "--track-id ID", "--retriable-only",
                "--non-retriable-only", "--source NAME", "--limit N", "(default 100)", "--dry-run", "--trigger-now", "--help");
    }

    @Test
    void theJarsCommandLineModeResetsAndAsksTheRunningServiceToEnrich() {
        String before = seed.snapshot();
        CliRun bad = cli(Map.of(), "reprocess", "--start-date", "2025-02-30");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("reprocess: --start-date: 2025-02-30 is not a day of the calendar");

        CliRun noService = cli(Map.of("enricher.reprocess.service-url", "http://localhost:1"), "reprocess", "--trigger-now");
        assertThat(noService.code()).isEqualTo(1);
        assertThat(noService.err()).contains("reprocess: --trigger-now: the service at http://localhost:1 is not reachable")
                .contains("nothing was changed");
        assertThat(seed.snapshot()).isEqualTo(before);

        CliRun ran = cli(Map.of("enricher.reprocess.service-url", "http://localhost:" + port), "reprocess", "--trigger-now", "--limit", "50");
        assertThat(ran.code()).as(ran.err()).isZero();
        assertThat(ran.out()).contains("matched: 5 tracks").contains("reset: 5 tracks").contains("enrichment started");
        long enrichId = awaitEnrich(ran.out());
        assertThat(jobs.getJobExecution(enrichId).getJobParameters().getString("trackIds").split(","))
                .containsExactlyInAnyOrder(a.toString(), b.toString(), c.toString(), d.toString(), h.toString());
        assertThat(status(f).get("status")).isEqualTo("pending");
    }

    @Test
    void theScriptRunsFromAnyDirectoryOnTheConfiguredDatabase() throws Exception {
        String before = seed.snapshot();
        Script dry = script("--dry-run");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("matched: 5 tracks (failed 3, partial 2; retriable 2)").contains(h.toString());
        assertThat(seed.snapshot()).isEqualTo(before);

        Script bad = script("--days", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("reprocess: --days: must be a positive whole number, got 0");

        Script reset = script("--days", "7");
        assertThat(reset.code()).as(reset.err()).isZero();
        assertThat(reset.out()).contains("reset: 3 tracks");
        assertThat(status(b).get("status")).isEqualTo("pending");
    }

    private int run(String args) {
        out.reset();
        err.reset();
        return command.run(Arrays.asList(args.split(" ")), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private long awaitEnrich(String output) {
        Matcher m = Pattern.compile("enrich job execution (\\d+)").matcher(output);
        assertThat(m.find()).as(output).isTrue();
        long id = Long.parseLong(m.group(1));
        await().atMost(Duration.ofSeconds(60)).until(() -> jobs.getJobExecution(id) != null && !jobs.getJobExecution(id).isRunning());
        assertThat(jobs.getJobExecution(id).getStatus()).isEqualTo(BatchStatus.COMPLETED);
        return id;
    }

    /** {@code java -jar track-enricher.jar <args>}, in this JVM, on the test database. */
    private CliRun cli(Map<String, String> properties, String... args) {
        Map<String, String> all = new HashMap<>(properties);
        // the command line sends the service's API token (the test profile's; the CLI context does not read that profile)
        all.put("enricher.security.api-token", dev.trackenricher.support.Http.TEST_TOKEN);
        return CliRun.jar(all, args);
    }

    record Script(int code, String out, String err) {
    }

    /**
     * bin/reprocess-failed-enrichments, started from another directory, on the test database. The
     * application is launched from this test's classpath (TRACK_ENRICHER_CMD) instead of the jar,
     * which `mvn test` has not built yet.
     */
    private Script script(String... args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(root.resolve("bin/reprocess-failed-enrichments").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.resolve("src").toFile());
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        pb.environment().put("TRACK_ENRICHER_CMD", javaBin + " -cp " + System.getProperty("java.class.path")
                + " dev.trackenricher.TrackEnricherApplication");
        pb.environment().put("SPRING_DATASOURCE_URL", TestDatabase.jdbcUrl());
        pb.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        pb.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        Path stdout = Files.createTempFile("reprocess", ".out");
        Path stderr = Files.createTempFile("reprocess", ".err");
        pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        Process process = pb.start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the script did not finish within 180 s");
        }
        Script result = new Script(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
        return result;
    }
}
