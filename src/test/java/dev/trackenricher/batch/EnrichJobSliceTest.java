package dev.trackenricher.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.TrackStatusRepository;
import dev.trackenricher.support.BatchJobSlice;
import dev.trackenricher.support.ScriptedFanout;
import dev.trackenricher.support.StatusRows;
import dev.trackenricher.track.NewTrack;
import dev.trackenricher.track.TrackRepository;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.test.JobLauncherTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.batch.test.StepScopeTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * {@code enrichJob} with Spring Batch's test kit: the job and its step launched on their own, the
 * step-scoped reader driven by hand, on a real PostgreSQL, with the fan-out scripted
 * ({@link ScriptedFanout}). The whole service with the six APIs is {@code EnrichJobTest}.
 * Chunks are 10 tracks (application-test.yml).
 */
@BatchJobSlice
class EnrichJobSliceTest {

    @Autowired
    JobLauncherTestUtils launcher;
    @Autowired
    JobRepositoryTestUtils jobRuns;
    @Autowired
    @Qualifier(EnrichJobConfiguration.JOB_NAME)
    Job enrichJob;
    @Autowired
    InFlightTrackReader enrichReader;
    @Autowired
    TrackRepository tracks;
    @Autowired
    ScriptedFanout fanout;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TrackStatusRepository statuses;
    @Autowired
    BatchSettings settings;
    @Autowired
    EnrichItemProcessor processor;
    @Autowired
    ThreadPoolTaskExecutor tracksInFlight;

    @BeforeEach
    void cleanSlate() {
        launcher.setJob(enrichJob);
        jdbc.execute("TRUNCATE tracks, enrichment_status, enrichment_source_status CASCADE");
        fanout.reset();
    }

    @AfterEach
    void forgetRuns() {
        jdbc.execute("DROP TRIGGER IF EXISTS refuse_write ON enrichment_status");
        jdbc.execute("DROP FUNCTION IF EXISTS refuse_write()");
        jobRuns.removeJobExecutions();
    }

    @Test
    void aRunTakesEveryDueTrackOnceAndWritesTheStatusItsSourcesLeadTo() throws Exception {
        List<UUID> ids = add(25);
        for (int i = 0; i < ids.size(); i++) {
            fanout.answer(ids.get(i), switch (i % 3) {
                case 0 -> Map.of("spotify", Outcome.FOUND, "musicbrainz", Outcome.FOUND);
                case 1 -> Map.of("discogs", Outcome.FOUND, "lastfm", Outcome.FAILED);
                default -> Map.of();
            });
        }

        JobExecution run = launcher.launchJob(launcher.getUniqueJobParametersBuilder()
                .addLong(EnrichJobConfiguration.LIMIT, 100L).toJobParameters());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        StepExecution step = run.getStepExecutions().iterator().next();
        assertThat(step.getStepName()).isEqualTo("enrichStep");
        assertThat(step.getExecutionContext().getInt(ClaimingTrackReader.TOTAL_KEY)).isEqualTo(25);
        assertThat(step.getReadCount()).isEqualTo(25);
        assertThat(step.getWriteCount()).isEqualTo(25);
        for (int i = 0; i < ids.size(); i++) {
            UUID id = ids.get(i);
            Map<String, Object> row = StatusRows.status(jdbc, id);
            assertThat(fanout.asked(id)).as("asked once").hasSize(1);
            assertThat(row.get("claim_token")).isNull();
            switch (i % 3) {
                case 0 -> {
                    assertThat(row.get("status")).isEqualTo("completed");
                    assertThat(row.get("sources_enriched")).isEqualTo(2);
                    assertThat(row.get("next_attempt_at")).as("nothing left to ask").isNull();
                }
                case 1 -> {
                    assertThat(row.get("status")).isEqualTo("partial");
                    assertThat(row.get("retry_count")).isEqualTo(1);
                    assertThat((String) row.get("error_message")).isEqualTo("lastfm failed: scripted failed");
                    assertThat(row.get("next_attempt_at")).as("lastfm is asked again").isNotNull();
                    assertThat(StatusRows.outcomes(jdbc, id)).containsEntry("lastfm", "failed").containsEntry("discogs", "found");
                }
                default -> {
                    assertThat(row.get("status")).isEqualTo("failed");
                    assertThat((String) row.get("error_message")).isEqualTo("No metadata sources returned data");
                    assertThat(row.get("next_attempt_at")).isNull();
                }
            }
        }
    }

    @Test
    void theLimitAndTrackIdsParametersBoundARun() throws Exception {
        List<UUID> ids = add(12);

        JobExecution limited = launcher.launchJob(launcher.getUniqueJobParametersBuilder()
                .addLong(EnrichJobConfiguration.LIMIT, 5L).toJobParameters());

        assertThat(limited.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(5);
        assertThat(StatusRows.count(jdbc, "completed")).isEqualTo(5);
        assertThat(StatusRows.count(jdbc, "pending")).isEqualTo(7);

        List<UUID> stillPending = ids.stream().filter(id -> StatusRows.status(jdbc, id).get("status").equals("pending")).toList();
        List<UUID> chosen = stillPending.subList(0, 2);
        JobExecution onlyThese = launcher.launchJob(launcher.getUniqueJobParametersBuilder()
                .addString(EnrichJobConfiguration.TRACK_IDS, chosen.get(0) + "," + chosen.get(1)).toJobParameters());

        assertThat(onlyThese.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(2);
        chosen.forEach(id -> assertThat(StatusRows.status(jdbc, id).get("status")).isEqualTo("completed"));
        assertThat(StatusRows.count(jdbc, "pending")).isEqualTo(5);
    }

    @Test
    void aTrackWhoseFanOutFailsIsWrittenFailedWithItsChunk() throws Exception {
        List<UUID> ids = add(4);
        fanout.failRoute(ids.get(1), "no route to the sources");

        JobExecution run = launcher.launchJob(launcher.getUniqueJobParameters());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(run.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(4);
        Map<String, Object> failed = StatusRows.status(jdbc, ids.get(1));
        assertThat(failed.get("status")).isEqualTo("failed");
        assertThat(failed.get("retry_count")).isEqualTo(1);
        assertThat((String) failed.get("error_message")).contains("enrich route error").contains("no route to the sources");
        assertThat(StatusRows.outcomes(jdbc, ids.get(1))).isNotEmpty().allSatisfy((source, outcome) -> assertThat(outcome).isEqualTo("failed"));
        List.of(ids.get(0), ids.get(2), ids.get(3))
                .forEach(id -> assertThat(StatusRows.status(jdbc, id).get("status")).isEqualTo("completed"));
    }

    @Test
    void theStepAloneGivesBackTheClaimsOfAChunkItCouldNotWrite() throws Exception {
        List<UUID> ids = add(25);
        UUID refused = ids.get(17);
        // the database refuses to conclude one track: its chunk rolls back and the step fails
        jdbc.execute("""
                CREATE FUNCTION refuse_write() RETURNS trigger AS $$
                BEGIN
                  RAISE EXCEPTION 'injected: this track cannot be written';
                END $$ LANGUAGE plpgsql""");
        jdbc.execute("CREATE TRIGGER refuse_write BEFORE UPDATE OF status ON enrichment_status FOR EACH ROW "
                + "WHEN (NEW.status = 'completed' AND NEW.track_id = '" + refused + "') EXECUTE FUNCTION refuse_write()");

        JobExecution run = launcher.launchStep("enrichStep", launcher.getUniqueJobParameters());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
        int completed = StatusRows.count(jdbc, "completed");
        assertThat(StatusRows.count(jdbc, "in_progress")).as("every claim given back").isZero();
        assertThat(StatusRows.status(jdbc, refused).get("status")).isEqualTo("pending");
        assertThat(completed % 10).as("whole chunks only").isZero();
        assertThat(completed).isLessThan(25);
        assertThat(completed + StatusRows.count(jdbc, "pending")).isEqualTo(25);
    }

    @Test
    void theStepScopedReaderTakesItsLimitFromTheJobParametersAndReleasesWhatWasNotWritten() throws Exception {
        add(6);
        StepExecution step = MetaDataInstanceFactory.createStepExecution(
                new JobParametersBuilder().addLong(EnrichJobConfiguration.LIMIT, 4L).toJobParameters());

        List<EnrichmentResult> read = StepScopeTestUtils.doInStepScope(step, () -> {
            enrichReader.beforeStep(step);
            List<EnrichmentResult> results = new ArrayList<>();
            for (EnrichmentResult r = enrichReader.read(); r != null; r = enrichReader.read()) {
                results.add(r);
            }
            assertThat(StatusRows.count(jdbc, "in_progress")).as("claimed while the step runs").isEqualTo(4);
            enrichReader.afterStep(step);
            return results;
        });

        assertThat(read).hasSize(4).allSatisfy(r -> assertThat(r.decision().sourcesEnriched()).isPositive());
        assertThat(step.getExecutionContext().getInt(ClaimingTrackReader.TOTAL_KEY)).isEqualTo(4);
        assertThat(StatusRows.count(jdbc, "in_progress")).as("the step ended without writing: claims given back").isZero();
        assertThat(StatusRows.count(jdbc, "pending")).isEqualTo(6);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM enrichment_status WHERE last_attempt IS NOT NULL", Integer.class)).isZero();
    }

    @Test
    void aRunLooksAgainBeforeItEndsSoATrackThatBecameDueMeanwhileIsTakenByIt() throws Exception {
        UUID first = add(1).get(0);
        // a due check far longer than the test: without the last look the run would end on its earlier empty claim
        InFlightTrackReader reader = handDriven(RunDemand.of(null, List.of(), 100), Duration.ofMinutes(10));
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        reader.beforeStep(step);

        assertThat(reader.read().trackId()).isEqualTo(first);
        UUID later = add(1).get(0);
        EnrichmentResult next = reader.read();

        assertThat(next).as("taken by the run going, not left for the next tick").isNotNull();
        assertThat(next.trackId()).isEqualTo(later);
        assertThat(reader.read()).isNull();
        reader.afterStep(step);
    }

    @Test
    void aRunThatHasReadItsLastTrackTakesNoMoreOffersSoNoTriggerIsAnsweredByARunThatWillNotServeIt() throws Exception {
        add(4);
        RunDemand demand = RunDemand.of(2, List.of(), 100);
        InFlightTrackReader reader = handDriven(demand, Duration.ofMinutes(10));
        StepExecution step = MetaDataInstanceFactory.createStepExecution();
        reader.beforeStep(step);

        int read = 0;
        while (reader.read() != null) {
            read++;
        }

        assertThat(read).as("its allowance").isEqualTo(2);
        // still before afterStep (the last chunk being written): a trigger now must go to the next run
        assertThat(demand.offer(null, List.of(), 100)).as("the ended reader closed its demand").isFalse();
        reader.afterStep(step);
        assertThat(StatusRows.count(jdbc, "pending")).isEqualTo(4);
    }

    private InFlightTrackReader handDriven(RunDemand demand, Duration dueCheck) {
        return new InFlightTrackReader(new ClaimingTrackReader(statuses, settings, demand, executionId -> true), processor,
                tracksInFlight, 8, dueCheck);
    }

    private List<UUID> add(int n) {
        return tracks.insertAll(IntStream.range(0, n).mapToObj(i -> new NewTrack("Slice Artist " + i, "Slice Song " + i, null, null, null))
                .toList());
    }
}
