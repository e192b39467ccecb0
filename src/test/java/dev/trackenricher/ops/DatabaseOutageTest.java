package dev.trackenricher.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.Http;
import dev.trackenricher.support.JsonBody;
import dev.trackenricher.support.ServiceProcess;
import dev.trackenricher.support.TestDatabase;
import dev.trackenricher.support.TestTrack;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL stops under a running service in the middle of a run and starts again (its own
 * server here, on a fixed port and data directory; never the tests' shared one). The run fails
 * cleanly (its execution FAILED, its claims left to expire), the service stays up and reports the
 * database down in /health and /actuator/health, and once PostgreSQL is back the next run
 * completes every track.
 */
class DatabaseOutageTest {

    private static final int TRACKS = 60;

    @TempDir
    Path dir;

    private EmbeddedPostgres postgres;
    private ServiceProcess service;

    @AfterEach
    void stop() throws IOException {
        if (service != null) {
            service.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        ApiStubs.server().setGlobalFixedDelay(0);
        ApiStubs.reset();
    }

    @Test
    void theRunFailsCleanlyTheServiceStaysUpAndReportsItAndTheNextRunCompletesEverything() throws Exception {
        Path data = dir.resolve("pgdata");
        Files.createDirectories(data);
        int port = freePort();
        postgres = start(data, port);
        String url = postgres.getJdbcUrl("postgres", "postgres");
        JdbcTemplate db = new JdbcTemplate(TestDatabase.dataSource(url));
        ApiStubs.reset();
        List<TestTrack> tracks = IntStream.range(0, TRACKS).mapToObj(i -> TestTrack.numbered(30_000 + i)).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        ApiStubs.server().setGlobalFixedDelay(300);

        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "enricher.batch.claim-timeout", "5s",
                "enricher.batch.stale-run-check", "1s",
                // the pool gives up on a connection after 3 s (default 30 s), so the run fails within the outage
                "spring.datasource.hikari.connection-timeout", "3000",
                // reads and metrics closed too: probes must stay open all the same
                "enricher.security.open-reads", "false",
                "enricher.security.open-metrics", "false"));
        // the production timeout: a cold process on a busy machine can take more than the test profile's 2 s to answer once
        ApiStubs.SOURCES.forEach(source -> config.put("enricher.sources." + source + ".timeout", "10s"));
        service = ServiceProcess.start("outage", url, config);
        service.awaitUp(Duration.ofSeconds(180));
        Http api = service.http();
        assertThat(api.post("/tracks", JsonBody.tracks(tracks)).status()).isEqualTo(201);
        String someTrack = db.queryForObject("SELECT id::text FROM tracks LIMIT 1", String.class);
        assertThat(api.withoutToken().get("/tracks/" + someTrack).status()).as("open-reads: false").isEqualTo(401);
        assertThat(api.get("/tracks/" + someTrack).status()).isEqualTo(200);
        assertThat(api.withoutToken().get("/actuator/prometheus").status()).as("open-metrics: false").isEqualTo(401);
        Http.Answer metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").doesNotContain("SHOULD-NOT-LEAK");
        assertThat(api.withoutToken().get("/health").status()).as("probes stay open").isEqualTo(200);
        assertThat(api.withoutToken().get("/actuator/health").status()).isEqualTo(200);
        long runId = api.post("/enrich/trigger", "").json().path("job_execution_id").asLong();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> completed(db) >= 10);

        postgres.close();
        long down = System.nanoTime();
        long pid = service.pid();

        // the service answers, and says the database is down, within the health check's bound
        long asked = System.nanoTime();
        Http.Answer health = api.get("/health");
        long answeredIn = (System.nanoTime() - asked) / 1_000_000;
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.json().path("database").asText()).isEqualTo("down");
        assertThat(health.json().path("api_clients").has("spotify")).isTrue();
        Http.Answer actuator = api.withoutToken().get("/actuator/health");
        assertThat(actuator.status()).isEqualTo(503);
        assertThat(actuator.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(api.get("/actuator/health").json().path("components").path("db").path("status").asText()).isEqualTo("DOWN");
        // the run's thread meets the outage (the pool's 3 s, then the chunk fails); the service lives on
        Thread.sleep(10_000);
        assertThat(service.alive()).isTrue();
        assertThat(api.get("/health").status()).isEqualTo(503);

        postgres = start(data, port);
        long up = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> api.get("/health").status() == 200);
        long healthyAfter = (System.nanoTime() - up) / 1_000_000;
        assertThat(service.pid()).as("the same process all along").isEqualTo(pid);
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "FAILED".equals(jobStatus(db, runId)));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("run " + runId + " is " + jobStatus(db, runId) + ":\n" + service.logTail(80), e);
        }
        int written = completed(db);
        assertThat(written).as("what was written before the outage stays").isBetween(10, TRACKS - 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> db.queryForObject(
                "SELECT count(*) FROM enrichment_status WHERE status = 'in_progress' AND claimed_at > now() - interval '5 seconds'",
                Integer.class) == 0);

        long rerun = api.post("/enrich/trigger", "").json().path("job_execution_id").asLong();
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100)).until(() -> "COMPLETED".equals(jobStatus(db, rerun)));

        assertThat(completed(db)).isEqualTo(TRACKS);
        assertThat(db.queryForObject("SELECT count(*) FROM enrichment_source_status", Integer.class)).isEqualTo(TRACKS * 6);
        assertThat(db.queryForObject("SELECT max(attempts) FROM enrichment_source_status", Integer.class)).isEqualTo(1);
        assertThat(service.logText()).contains("marked FAILED");
        System.out.printf("database outage test: %d tracks, %d written before PostgreSQL stopped; /health answered 503 in %d ms while it "
                        + "was down; healthy %d ms after it was back (outage %d s); the failed run marked FAILED and the next run completed all%n",
                TRACKS, written, answeredIn, healthyAfter, (up - down) / 1_000_000_000);
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int completed(JdbcTemplate db) {
        return db.queryForObject("SELECT count(*) FROM enrichment_status WHERE status = 'completed'", Integer.class);
    }

    private static String jobStatus(JdbcTemplate db, long id) {
        return db.queryForList("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class, id).stream().findFirst()
                .orElse("NONE");
    }


    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
