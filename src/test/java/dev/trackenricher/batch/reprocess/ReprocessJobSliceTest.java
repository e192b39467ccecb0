package dev.trackenricher.batch.reprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trackenricher.status.ResetCandidate;
import dev.trackenricher.status.TrackStatus;
import dev.trackenricher.support.BatchJobSlice;
import dev.trackenricher.support.StatusRows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.test.JobLauncherTestUtils;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code reprocessJob} with Spring Batch's test kit: the job and its one step launched on their
 * own, on a real PostgreSQL. The whole service (filters from the command line and REST,
 * --trigger-now, the nightly schedule) is {@code ReprocessJobTest}.
 */
@BatchJobSlice
class ReprocessJobSliceTest {

    @Autowired
    JobLauncherTestUtils launcher;
    @Autowired
    JobRepositoryTestUtils jobRuns;
    @Autowired
    @Qualifier(ReprocessJobConfiguration.JOB_NAME)
    Job reprocessJob;
    @Autowired
    ReprocessResults results;
    @Autowired
    JdbcTemplate jdbc;

    ReprocessSeed seed;
    UUID failedRetriable;
    UUID failed;
    UUID partial;
    UUID completed;
    UUID pending;

    @BeforeEach
    void seed() {
        launcher.setJob(reprocessJob);
        jdbc.execute("TRUNCATE tracks, enrichment_status, enrichment_source_status CASCADE");
        seed = new ReprocessSeed(jdbc);
        failedRetriable = seed.track("failed", Duration.ofHours(5), true, 0, "spotify=rate_limited", "discogs=not_found");
        failed = seed.track("failed", Duration.ofDays(3), false, 2, "spotify=failed", "lastfm=failed");
        partial = seed.track("partial", Duration.ofDays(2), false, 1, "musicbrainz=found", "discogs=failed");
        completed = seed.track("completed", Duration.ofDays(1), false, 0, "spotify=failed", "musicbrainz=found", "discogs=found");
        pending = seed.track("pending", (Instant) null, false, 0);
    }

    @AfterEach
    void forgetRuns() {
        jobRuns.removeJobExecutions();
    }

    @Test
    void theJobResetsWhatItsParametersSelectAndCountsItInItsExecution() throws Exception {
        JobExecution run = launcher.launchJob(params(new ReprocessFilter(null, null, null, List.of(), null, "spotify", 10, false, false)));

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        ExecutionContext counts = run.getExecutionContext();
        assertThat(counts.getInt(ReprocessJobConfiguration.MATCHED)).isEqualTo(2);
        assertThat(counts.getInt(ReprocessJobConfiguration.RESET)).isEqualTo(2);
        assertThat(counts.getInt(ReprocessJobConfiguration.NOT_FOUND)).isZero();
        StepExecution step = run.getStepExecutions().iterator().next();
        assertThat(step.getStepName()).isEqualTo("reprocessResetStep");
        assertThat(step.getReadCount()).isEqualTo(2);
        assertThat(step.getWriteCount()).isEqualTo(2);
        ReprocessSummary summary = results.take(run.getId());
        assertThat(summary.tracks()).extracting(ResetCandidate::trackId).containsExactly(failed, failedRetriable);
        assertThat(summary.tracks()).extracting(ResetCandidate::status).containsOnly(TrackStatus.FAILED);
        for (UUID id : List.of(failed, failedRetriable)) {
            Map<String, Object> row = StatusRows.status(jdbc, id);
            assertThat(row.get("status")).isEqualTo("pending");
            assertThat(row.get("retry_count")).isEqualTo(0);
            assertThat(row.get("error_message")).isNull();
            assertThat(row.get("is_retriable")).isEqualTo(false);
            assertThat(row.get("reprocess_sources")).hasToString("{spotify}");
        }
        assertThat(StatusRows.status(jdbc, partial).get("status")).as("spotify did not fail it").isEqualTo("partial");
        assertThat(StatusRows.status(jdbc, completed).get("status")).isEqualTo("completed");
        assertThat(StatusRows.status(jdbc, pending).get("status")).isEqualTo("pending");
    }

    @Test
    void theStepAloneOnADryRunCountsAndChangesNothing() {
        String before = seed.snapshot();

        JobExecution run = launcher.launchStep("reprocessResetStep",
                params(new ReprocessFilter(null, null, null, List.of(), null, null, 10, true, false)));

        assertThat(run.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(seed.snapshot()).isEqualTo(before);
        assertThat(run.getExecutionContext().getInt(ReprocessJobConfiguration.MATCHED)).isEqualTo(3);
        assertThat(run.getExecutionContext().getInt(ReprocessJobConfiguration.RESET)).isZero();
        assertThat(run.getStepExecutions().iterator().next().getWriteCount()).isZero();
        assertThat(results.take(run.getId()).byStatus()).isEqualTo(Map.of("failed", 2, "partial", 1));
    }

    @Test
    void withoutItsLimitParameterTheJobFailsAndChangesNothing() throws Exception {
        String before = seed.snapshot();

        JobExecution run = launcher.launchJob(launcher.getUniqueJobParameters());

        assertThat(run.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(run.getAllFailureExceptions()).extracting(Throwable::getMessage)
                .anySatisfy(m -> assertThat(m).contains("needs the job parameter " + ReprocessFilter.LIMIT));
        assertThat(seed.snapshot()).isEqualTo(before);
        assertThat(results.take(run.getId())).isNull();
    }

    @Test
    void aNightIsOneJobInstanceThatRunsOnce() throws Exception {
        JobParameters tonight = ReprocessFilter.nightly(100).addTo(new JobParametersBuilder()
                .addLocalDate(ReprocessJobConfiguration.NIGHT, LocalDate.of(2026, 11, 29), true)).toJobParameters();

        JobExecution first = launcher.launchJob(tonight);

        assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(first.getExecutionContext().getInt(ReprocessJobConfiguration.RESET)).as("the retriable failure").isEqualTo(1);
        assertThat(StatusRows.status(jdbc, failedRetriable).get("status")).isEqualTo("pending");
        assertThatThrownBy(() -> launcher.launchJob(tonight)).isInstanceOf(JobInstanceAlreadyCompleteException.class);
    }

    private JobParameters params(ReprocessFilter filter) {
        return filter.addTo(new JobParametersBuilder().addString(ReprocessJobConfiguration.LAUNCH_ID, UUID.randomUUID().toString(), true))
                .toJobParameters();
    }
}
