package dev.trackenricher.batch;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Starts an enrich run on a thread of its own and answers with its execution at once. It never
 * waits for a free thread: runs are one at a time by {@link EnrichRunLock}, not by a bounded pool
 * (a bounded launcher pool made the caller of one run too many wait, holding a REST thread).
 * Creates the execution in the job repository itself and runs the job, which is all Spring Batch's
 * TaskExecutorJobLauncher does, so the caller also learns when the run has ended — after the job
 * repository has its end.
 */
@Component
public class EnrichJobLauncher {

    private final JobRepository jobRepository;
    private final Job enrichJob;
    private final ObjectProvider<StaleRunRecovery> recovery;
    private final SimpleAsyncTaskExecutor runThreads = new SimpleAsyncTaskExecutor("enrich-run-");

    public EnrichJobLauncher(JobRepository jobRepository, @Qualifier(EnrichJobConfiguration.JOB_NAME) Job enrichJob,
                             ObjectProvider<StaleRunRecovery> recovery) {
        this.jobRepository = jobRepository;
        this.enrichJob = enrichJob;
        this.recovery = recovery;
    }

    /**
     * @param limit    the run's parameter {@code limit} (null: none)
     * @param trackIds the run's parameter {@code trackIds} (empty: none)
     * @param ended    called on the run's thread once the job repository has its end
     */
    public JobExecution start(String launchId, Integer limit, Collection<UUID> trackIds, Runnable ended) {
        JobParametersBuilder params = new JobParametersBuilder().addString(EnrichJobConfiguration.LAUNCH_ID, launchId);
        if (limit != null) {
            params.addLong(EnrichJobConfiguration.LIMIT, limit.longValue());
        }
        if (trackIds != null && !trackIds.isEmpty()) {
            params.addString(EnrichJobConfiguration.TRACK_IDS,
                    trackIds.stream().map(UUID::toString).collect(Collectors.joining(",")), false);
        }
        return start(params.toJobParameters(), ended);
    }

    private JobExecution start(JobParameters parameters, Runnable ended) {
        // runs a dead process left "running" are marked failed first, so what operators see is true
        recovery.ifAvailable(StaleRunRecovery::recoverQuietly);
        JobExecution execution;
        try {
            execution = jobRepository.createJobExecution(EnrichJobConfiguration.JOB_NAME, parameters);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the enrich job: " + e.getMessage(), e);
        }
        runThreads.execute(() -> {
            try {
                enrichJob.execute(execution);
            } finally {
                ended.run();
            }
        });
        return execution;
    }
}
