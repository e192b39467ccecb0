package dev.trackenricher.support;

import dev.trackenricher.batch.EnrichJobConfiguration;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.breaker.SourceBreakers;
import dev.trackenricher.source.breaker.SourceStops;
import dev.trackenricher.source.cache.ApiCache;
import dev.trackenricher.source.limits.RateLimits;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service against a real PostgreSQL (one per JVM) and the local stub APIs. Every test
 * starts from an empty catalogue, closed breakers and stubs that know nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    protected ApiCache apiCache;
    @Autowired
    protected SourceBreakers breakers;
    @Autowired
    protected SourceStops stops;
    @Autowired
    protected RateLimits limits;
    @Autowired
    protected SourcesProperties sources;
    @Autowired
    @Qualifier("jobLauncher")
    protected JobLauncher syncLauncher;
    @Autowired
    @Qualifier(EnrichJobConfiguration.JOB_NAME)
    protected Job enrichJob;
    @LocalServerPort
    protected int port;
    @Autowired
    private org.springframework.context.ApplicationContext context;

    /** Source clients built by hand on this context's configuration (see {@link TestClients}). */
    protected TestClients testClients() {
        return TestClients.of(context);
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        ApiStubs.register(registry);
    }

    @BeforeEach
    void cleanSlate() {
        // answers the last test stored but the cache has not written yet must not outlive it
        apiCache.flush();
        jdbc.execute("TRUNCATE tracks, enrichment_status, enrichment_source_status, api_cache, source_pause, "
                + "source_budget_slot, source_send_spacing CASCADE");
        resetSources();
        ApiStubs.reset();
    }

    /**
     * Pauses and budgets are stored in the database this JVM's test contexts share: none outlives its
     * test into another context's (a paused source there would be rate_limited from its start).
     */
    @AfterEach
    void liftStoredPauses() {
        jdbc.execute("TRUNCATE source_pause, source_budget_slot, source_send_spacing");
        resetSources();
    }

    /** Every source's breaker closed, stop and switched-off features lifted, pause lifted: what POST /sources/{name}/breaker/reset does. */
    protected void resetSources() {
        sources.sources().keySet().forEach(this::resetSource);
    }

    protected void resetSource(String source) {
        breakers.reset(source);
        stops.reset(source);
        limits.reset(source);
    }

    /** Adds tracks straight to the catalogue (as POST /tracks would) and returns their ids in order. */
    protected List<UUID> addTracks(List<TestTrack> tracks) {
        return tracks.stream().map(t -> {
            UUID id = UUID.randomUUID();
            jdbc.update("INSERT INTO tracks (id, artist_name, title, duration_ms) VALUES (?, ?, ?, ?)", id, t.artist(), t.title(),
                    t.durationMs());
            jdbc.update("INSERT INTO enrichment_status (track_id, status, next_attempt_at) VALUES (?, 'pending', now())", id);
            return id;
        }).toList();
    }

    /** Runs the enrich job to its end, as POST /enrich/trigger would, but waiting for it. */
    protected JobExecution runEnrich(Integer limit) throws Exception {
        JobParametersBuilder params = new JobParametersBuilder().addString("launchId", UUID.randomUUID().toString());
        if (limit != null) {
            params.addLong(EnrichJobConfiguration.LIMIT, limit.longValue());
        }
        JobExecution execution = syncLauncher.run(enrichJob, params.toJobParameters());
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new AssertionError("enrich run ended " + execution.getStatus() + ": " + execution.getAllFailureExceptions());
        }
        return execution;
    }

    protected Map<String, Object> status(UUID trackId) {
        return StatusRows.status(jdbc, trackId);
    }

    protected Map<String, String> outcomes(UUID trackId) {
        return StatusRows.outcomes(jdbc, trackId);
    }

    protected String error(UUID trackId, String source) {
        return StatusRows.error(jdbc, trackId, source);
    }
}
