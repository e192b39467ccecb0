package dev.trackenricher.batch.reprocess;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.support.CliRun;
import dev.trackenricher.support.Http;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reprocess --trigger-now} asks the running service with its API token: read from the token
 * file the service generated when none is configured; with no token at all it stops before changing
 * anything; a token the service refuses is said plainly.
 */
class ReprocessTriggerTokenTest extends SeededMix {

    @TempDir
    Path dir;
    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.batch.core.explore.JobExplorer jobs;

    @Test
    void theCommandLineSendsTheTokenFromTheServicesTokenFile() throws Exception {
        Path file = dir.resolve("api-token");
        Files.writeString(file, Http.TEST_TOKEN + "\n");

        CliRun run = cli(Map.of("enricher.security.token-file", file.toString()), "reprocess", "--trigger-now", "--limit", "50");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("reset: 5 tracks").contains("enrichment started: enrich job execution");
        assertThat(run.out() + run.err()).as("no default user of Spring Security in the command line").doesNotContainIgnoringCase("security password");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("enrich job execution (\\d+)").matcher(run.out());
        assertThat(m.find()).isTrue();
        long id = Long.parseLong(m.group(1));
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> jobs.getJobExecution(id) != null && !jobs.getJobExecution(id).isRunning());
    }

    @Test
    void withoutAnyTokenItStopsBeforeChangingAnything() {
        String before = seed.snapshot();

        CliRun run = cli(Map.of("enricher.security.token-file", dir.resolve("absent").toString()), "reprocess", "--trigger-now");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("reprocess: --trigger-now: no API token to send to the service: set ENRICHER_SECURITY_API_TOKEN")
                .contains("nothing was changed");
        assertThat(seed.snapshot()).isEqualTo(before);
    }

    @Test
    void aTokenTheServiceRefusesIsSaidPlainly() throws Exception {
        Path file = dir.resolve("api-token");
        Files.writeString(file, "an-old-token-from-another-install");

        CliRun run = cli(Map.of("enricher.security.token-file", file.toString()), "reprocess", "--trigger-now", "--limit", "50");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("refused the API token (401)").contains("reset 5 tracks (pending, due now)");
    }

    private CliRun cli(Map<String, String> properties, String... args) {
        Map<String, String> all = new HashMap<>(properties);
        all.put("enricher.reprocess.service-url", "http://localhost:" + port);
        return CliRun.jar(all, args);
    }
}
