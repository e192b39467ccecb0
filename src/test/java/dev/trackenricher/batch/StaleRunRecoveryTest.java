package dev.trackenricher.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.trackenricher.support.IntegrationTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Runs left "running" in the job repository by a process that is gone are marked FAILED, and are
 * then restartable; live runs (this instance's, or another's that shows progress) are left alone.
 */
class StaleRunRecoveryTest extends IntegrationTest {

    @Autowired
    StaleRunRecovery recovery;
    @Autowired
    RunOwnership ownership;
    @Autowired
    JobRepository jobRepository;

    @Test
    void anotherInstancesRunWithoutProgressForTheClaimTimeoutIsMarkedFailedAndCanBeRestarted() throws Exception {
        JobParameters params = params();
        JobExecution dead = leftRunning(params, "other-host:4242:deadbeef", "11 minutes");
        assertThatThrownBy(() -> syncLauncher.run(enrichJob, params)).as("before: the repository still calls it running")
                .isInstanceOf(JobExecutionAlreadyRunningException.class);

        List<StaleRunRecovery.Marked> marked = recovery.recover();

        assertThat(marked).extracting(StaleRunRecovery.Marked::jobExecutionId).contains(dead.getId());
        assertThat(status(dead)).isEqualTo("FAILED");
        assertThat(jdbc.queryForObject("SELECT exit_message FROM batch_job_execution WHERE job_execution_id = ?", String.class, dead.getId()))
                .contains("no progress since").contains("other-host:4242:deadbeef");
        assertThat(jdbc.queryForObject("SELECT status FROM batch_step_execution WHERE job_execution_id = ?", String.class, dead.getId()))
                .isEqualTo("FAILED");
        JobExecution restarted = syncLauncher.run(enrichJob, params);
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(restarted.getJobInstance().getInstanceId()).as("the same job instance, continued").isEqualTo(dead.getJobInstance().getInstanceId());
    }

    @Test
    void anotherInstancesRunThatShowsProgressAndThisInstancesLiveRunAreLeftAlone() {
        JobExecution lively = leftRunning(params(), "other-host:4242:cafebabe", "2 minutes");
        JobExecution mine = leftRunning(params(), ownership.instanceId(), "11 minutes");
        ownership.beforeJob(mine); // as if its thread were still running here

        recovery.recover();

        assertThat(status(lively)).isEqualTo("STARTED");
        assertThat(status(mine)).isEqualTo("STARTED");
        ownership.afterJob(mine);
        jdbc.update("UPDATE batch_job_execution SET status = 'FAILED' WHERE job_execution_id IN (?, ?)", lively.getId(), mine.getId());
    }

    @Test
    void thisInstancesRunWhoseThreadEndedUnheardIsMarkedAtOnceAndOneWithoutOwnerByItsSilence() {
        JobExecution mine = leftRunning(params(), ownership.instanceId(), "1 second");
        JobExecution ownerless = leftRunning(params(), null, "11 minutes");
        JobExecution ownerlessRecent = leftRunning(params(), null, "1 minute");

        recovery.recover();

        assertThat(status(mine)).as("not running here although recorded as ours: the database lost its end").isEqualTo("FAILED");
        assertThat(status(ownerless)).isEqualTo("FAILED");
        assertThat(status(ownerlessRecent)).isEqualTo("STARTED");
        jdbc.update("UPDATE batch_job_execution SET status = 'FAILED' WHERE job_execution_id = ?", ownerlessRecent.getId());
    }

    /** A job execution as a killed process leaves it: STARTED, a step STARTED, last updated {@code ago}. */
    private JobExecution leftRunning(JobParameters params, String owner, String ago) {
        try {
            JobExecution execution = jobRepository.createJobExecution(EnrichJobConfiguration.JOB_NAME, params);
            execution.setStatus(BatchStatus.STARTED);
            execution.setStartTime(java.time.LocalDateTime.now());
            jobRepository.update(execution);
            org.springframework.batch.core.StepExecution step = execution.createStepExecution("enrichStep");
            step.setStatus(BatchStatus.STARTED);
            step.setStartTime(java.time.LocalDateTime.now());
            jobRepository.add(step);
            jdbc.update("UPDATE batch_job_execution SET create_time = localtimestamp - ?::interval, start_time = localtimestamp - ?::interval, "
                    + "last_updated = localtimestamp - ?::interval WHERE job_execution_id = ?", ago, ago, ago, execution.getId());
            jdbc.update("UPDATE batch_step_execution SET start_time = localtimestamp - ?::interval, last_updated = localtimestamp - ?::interval "
                    + "WHERE job_execution_id = ?", ago, ago, execution.getId());
            if (owner != null) {
                jdbc.update("INSERT INTO batch_execution_owner (job_execution_id, instance_id) VALUES (?, ?)", execution.getId(), owner);
            }
            return execution;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String status(JobExecution e) {
        return jdbc.queryForObject("SELECT status FROM batch_job_execution WHERE job_execution_id = ?", String.class, e.getId());
    }

    private static JobParameters params() {
        return new JobParametersBuilder().addString("launchId", UUID.randomUUID().toString()).addLong(EnrichJobConfiguration.LIMIT, 1L)
                .toJobParameters();
    }
}
