package dev.trackenricher.batch;

import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/** Starts enrich runs in the background and answers with their execution id. */
@Component
public class EnrichJobLauncher {

    private final JobLauncher launcher;
    private final Job enrichJob;
    private final org.springframework.beans.factory.ObjectProvider<StaleRunRecovery> recovery;

    public EnrichJobLauncher(@Qualifier("backgroundJobLauncher") JobLauncher launcher, @Qualifier("enrichJob") Job enrichJob,
                             org.springframework.beans.factory.ObjectProvider<StaleRunRecovery> recovery) {
        this.launcher = launcher;
        this.enrichJob = enrichJob;
        this.recovery = recovery;
    }

    /** @param limit at most this many tracks (null: the configured default) */
    public JobExecution launch(Integer limit, Collection<UUID> onlyTrackIds) {
        JobParametersBuilder params = new JobParametersBuilder()
                .addString("launchId", UUID.randomUUID().toString());
        if (limit != null) {
            params.addLong(EnrichJobConfiguration.LIMIT, limit.longValue());
        }
        if (onlyTrackIds != null && !onlyTrackIds.isEmpty()) {
            params.addString(EnrichJobConfiguration.TRACK_IDS,
                    onlyTrackIds.stream().map(UUID::toString).collect(Collectors.joining(",")), false);
        }
        return run(params.toJobParameters());
    }

    private JobExecution run(JobParameters parameters) {
        // runs a dead process left "running" are marked failed first, so what operators see is true
        recovery.ifAvailable(StaleRunRecovery::recoverQuietly);
        try {
            return launcher.run(enrichJob, parameters);
        } catch (Exception e) {
            throw new IllegalStateException("could not start the enrich job: " + e.getMessage(), e);
        }
    }
}
