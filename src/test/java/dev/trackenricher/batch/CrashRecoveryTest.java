package dev.trackenricher.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.status.TrackStatusRepository;
import dev.trackenricher.support.ApiStubs;
import dev.trackenricher.support.IntegrationTest;
import dev.trackenricher.support.StatusRows;
import dev.trackenricher.support.TestTrack;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;

/** A run that dies mid-way loses nothing and enriches nothing twice. */
class CrashRecoveryTest extends IntegrationTest {

    @Autowired
    TrackStatusRepository claims;

    @AfterEach
    void dropFailureInjection() {
        jdbc.execute("DROP TRIGGER IF EXISTS fail_write ON enrichment_status");
        jdbc.execute("DROP FUNCTION IF EXISTS fail_write()");
    }

    @Test
    void claimsOfACrashedRunAreTakenAgainAfterTheClaimTimeoutAndEveryTrackEndsOnce() throws Exception {
        List<TestTrack> tracks = IntStream.rangeClosed(200, 211).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        List<UUID> ids = addTracks(tracks);
        // a run claimed 5 tracks and its process died (no release ran); another holds 3 fresh claims
        List<UUID> crashed = claims.claim(5, UUID.randomUUID(), Duration.ofMinutes(10), ids.subList(0, 5)).stream()
                .map(t -> t.trackId()).toList();
        jdbc.update("UPDATE enrichment_status SET claimed_at = now() - interval '11 minutes' WHERE track_id = ANY(?::uuid[])",
                dev.trackenricher.database.UuidArray.of(crashed));
        List<UUID> heldElsewhere = claims.claim(3, UUID.randomUUID(), Duration.ofMinutes(10), ids.subList(5, 8)).stream()
                .map(t -> t.trackId()).toList();

        runEnrich(null);

        for (int i = 0; i < ids.size(); i++) {
            String status = (String) status(ids.get(i)).get("status");
            if (heldElsewhere.contains(ids.get(i))) {
                assertThat(status).as("a live claim of another run is left alone").isEqualTo("in_progress");
                assertThat(ApiStubs.countFor("spotify", tracks.get(i))).isZero();
            } else {
                assertThat(status).isEqualTo("completed");
                for (String source : ApiStubs.SOURCES) {
                    assertThat(ApiStubs.countFor(source, tracks.get(i))).as(source + " asked once").isEqualTo(1);
                }
            }
        }
        assertThat(jdbc.queryForObject("SELECT max(attempts) FROM enrichment_source_status", Integer.class)).isEqualTo(1);
    }

    @Test
    void aRunKilledMidChunkByADatabaseFailureGivesItsClaimsBackAndTheNextRunFinishesEverything() throws Exception {
        List<TestTrack> tracks = IntStream.rangeClosed(300, 324).mapToObj(TestTrack::numbered).toList();
        tracks.forEach(ApiStubs::knowEverywhere);
        List<UUID> ids = addTracks(tracks);
        // the database refuses the second chunk's writes (chunk size 10 in tests): the run dies mid-way
        jdbc.execute("""
                CREATE FUNCTION fail_write() RETURNS trigger AS $$
                BEGIN
                  IF (SELECT count(*) FROM enrichment_status WHERE status = 'completed') >= 10 THEN
                    RAISE EXCEPTION 'injected failure: database went away';
                  END IF;
                  RETURN NEW;
                END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER fail_write BEFORE UPDATE OF status ON enrichment_status FOR EACH ROW "
                + "WHEN (NEW.status IN ('completed', 'partial', 'failed')) EXECUTE FUNCTION fail_write()");

        JobExecution failed = syncLauncher.run(enrichJob,
                new JobParametersBuilder().addString("launchId", UUID.randomUUID().toString()).toJobParameters());

        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(StatusRows.count(jdbc, "completed")).isEqualTo(10);
        assertThat(StatusRows.count(jdbc, "in_progress")).as("claims given back when the run failed").isZero();
        assertThat(StatusRows.count(jdbc, "pending")).isEqualTo(15);

        dropFailureInjection();
        runEnrich(null);

        assertThat(StatusRows.count(jdbc, "completed")).isEqualTo(25);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrichment_source_status", Integer.class)).isEqualTo(25 * 6);
        assertThat(jdbc.queryForObject("SELECT max(attempts) FROM enrichment_source_status", Integer.class))
                .as("no source outcome recorded twice").isEqualTo(1);
        ids.forEach(id -> assertThat(status(id).get("status")).isEqualTo("completed"));
    }
}
