package dev.trackenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.batch.EnrichJobConfiguration;
import dev.trackenricher.simulator.Catalogue.SimTrack;
import dev.trackenricher.support.TestDatabase;
import dev.trackenricher.track.NewTrack;
import dev.trackenricher.track.TrackRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A few hundred tracks against the simulator with a quarter of all calls failing (500, hangs,
 * HTML pages, truncated JSON): every track ends in a terminal state that agrees with its stored
 * per-source outcomes, and every piece of data found is the right track's, never a near-miss's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("test")
class SimulatorEndToEndTest {

    static final SimulatorConfig CONFIG = SimulatorConfig.realistic()
            .withSyntheticTracks(100)
            .all(b -> b.withLatency(Latency.parse("uniform:1:10")).withLimit(false)
                    .withFailures(0.25, SimulatorConfig.ALL_FAULTS).withHang(1500));
    static final ApiSimulator SIM;

    static {
        try {
            SIM = ApiSimulator.start(CONFIG, ApiSimulator.catalogue(CONFIG, Path.of("sample-data/tracks.csv")));
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TrackRepository tracks;
    @Autowired
    @Qualifier("jobLauncher")
    JobLauncher launcher;
    @Autowired
    @Qualifier(EnrichJobConfiguration.JOB_NAME)
    Job enrichJob;
    final ObjectMapper json = new ObjectMapper();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        SIM.serviceProperties().forEach((k, v) -> registry.add(k, () -> v));
        for (String source : SimulatorConfig.SOURCES) {
            registry.add("enricher.sources." + source + ".timeout", () -> "1s");
        }
        registry.add("enricher.batch.concurrency", () -> "16");
        registry.add("enricher.batch.chunk-size", () -> "50");
    }

    @AfterAll
    static void stopSimulator() {
        SIM.close();
    }

    @Test
    void everyTrackEndsInAStatusThatAgreesWithItsSourcesAndNoDataIsANearMiss() throws Exception {
        jdbc.execute("TRUNCATE tracks, enrichment_status, enrichment_source_status, api_cache, source_pause, "
                + "source_budget_slot, source_send_spacing CASCADE");
        List<SimTrack> catalogue = SIM.catalogue().all();
        List<UUID> ids = tracks.insertAll(catalogue.stream().map(t -> new NewTrack(t.artist(), t.title(), null, null, null)).toList());
        Map<UUID, SimTrack> byId = new HashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            byId.put(ids.get(i), catalogue.get(i));
        }

        run();
        // a second round for what did not answer (made due at once instead of after the back-off)
        jdbc.update("UPDATE enrichment_status SET next_attempt_at = now() WHERE next_attempt_at IS NOT NULL");
        run();

        List<String> problems = new ArrayList<>();
        for (UUID id : ids) {
            problems.addAll(check(id, byId.get(id)));
        }
        assertThat(problems).isEmpty();
        assertThat(SIM.log().answers("spotify").keySet()).anyMatch(k -> k.startsWith("fault_"));
        // breakers open under this failure rate, so how many complete varies; every source still gives data
        for (String source : SimulatorConfig.SOURCES) {
            assertThat(jdbc.queryForObject("SELECT count(*) FROM enrichment_source_status WHERE source = ? AND outcome = 'found'",
                    Integer.class, source)).as(source + " found some tracks").isPositive();
        }
    }

    private void run() throws Exception {
        var execution = launcher.run(enrichJob, new JobParametersBuilder().addString("launchId", UUID.randomUUID().toString())
                .toJobParameters());
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
    }

    private List<String> check(UUID id, SimTrack t) throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Object> s = jdbc.queryForMap("SELECT * FROM enrichment_status WHERE track_id = ?", id);
        Map<String, String> outcomes = new HashMap<>();
        List<String> lastAttemptOutcomes = new ArrayList<>();
        jdbc.query("SELECT source, outcome, last_attempt = (SELECT last_attempt FROM enrichment_status WHERE track_id = ?) AS latest "
                + "FROM enrichment_source_status WHERE track_id = ?", rs -> {
                    outcomes.put(rs.getString(1), rs.getString(2));
                    if (rs.getBoolean(3)) {
                        lastAttemptOutcomes.add(rs.getString(2));
                    }
                }, id, id);
        long found = outcomes.values().stream().filter("found"::equals).count();
        String expected = found >= 2 ? "completed" : found == 1 ? "partial" : "failed";
        String where = t.artist() + " – " + t.title() + ": ";
        if (!expected.equals(s.get("status"))) {
            problems.add(where + "status " + s.get("status") + " but " + found + " sources found " + outcomes);
        }
        if (((Number) s.get("sources_enriched")).longValue() != found) {
            problems.add(where + "sources_enriched " + s.get("sources_enriched") + " but " + found + " found");
        }
        boolean retriable = lastAttemptOutcomes.stream().anyMatch(o -> o.equals("short_circuited") || o.equals("rate_limited"));
        if (!Boolean.valueOf(retriable).equals(s.get("is_retriable"))) {
            problems.add(where + "is_retriable " + s.get("is_retriable") + " but the last attempt was " + lastAttemptOutcomes);
        }
        if (outcomes.size() != SimulatorConfig.SOURCES.size()) {
            problems.add(where + "outcomes for " + outcomes.keySet());
        }
        JsonNode metadata = json.readTree(jdbc.queryForObject("SELECT metadata::text FROM tracks WHERE id = ?", String.class, id));
        if ("found".equals(outcomes.get("spotify")) && !t.spotifyId().equals(metadata.path("spotify_id").asText())) {
            problems.add(where + "Spotify data of another recording: " + metadata.path("spotify_id"));
        }
        if ("found".equals(outcomes.get("musicbrainz")) && !t.mbid().equals(metadata.path("musicbrainz_id").asText())) {
            problems.add(where + "MusicBrainz data of another recording: " + metadata.path("musicbrainz_id"));
        }
        for (String source : SimulatorConfig.SOURCES) {
            String outcome = outcomes.get(source);
            boolean knows = SIM.catalogue().knows(source, t) && (!source.equals("acousticbrainz") || SIM.catalogue().knows("musicbrainz", t));
            if ("found".equals(outcome) && !knows) {
                problems.add(where + source + " found a track it does not know");
            }
            if ("not_found".equals(outcome) && knows) {
                problems.add(where + source + " answered not_found for a track it knows");
            }
        }
        return problems;
    }
}
