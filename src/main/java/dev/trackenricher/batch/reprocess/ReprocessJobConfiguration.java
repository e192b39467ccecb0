package dev.trackenricher.batch.reprocess;

import dev.trackenricher.status.ResetCandidate;
import dev.trackenricher.status.TrackStatusRepository;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.Step;
import org.springframework.batch.core.StepContribution;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reprocess job, its job parameters the filters ({@link ReprocessFilter}). One step,
 * {@code reprocessResetStep}: in ONE transaction (the step's) it selects the matching tracks,
 * locking them, summarises them and resets them all; any failure rolls every row back.
 * Counts go to the job's execution context ({@value #MATCHED}, {@value #RESET}, …) and the step's
 * read/write counts (matched/reset), so the run reads like any other job execution.
 * Enrichment of the reset tracks (--trigger-now) is started by {@link Reprocessor} once the job
 * has committed: a job cannot be launched from inside another job's transaction.
 */
@Configuration
public class ReprocessJobConfiguration {

    public static final String JOB_NAME = "reprocessJob";
    /** Identifies an ad-hoc run (a new job instance every time). */
    public static final String LAUNCH_ID = "launchId";
    /** Identifies the nightly run: one job instance per night, whichever instance of the service starts it. */
    public static final String NIGHT = "night";
    public static final String MATCHED = "reprocess.matched";
    public static final String RESET = "reprocess.reset";
    public static final String NOT_FOUND = "reprocess.notFound";
    public static final String ENRICH_JOB_EXECUTION_ID = "reprocess.enrichJobExecutionId";

    /** Dates in filters are days of the server's calendar, like the nightly cron. */
    static final ZoneId SERVER_ZONE = ZoneId.systemDefault();

    private static final Logger log = LoggerFactory.getLogger(ReprocessJobConfiguration.class);

    @Bean
    public Job reprocessJob(JobRepository jobRepository, Step reprocessResetStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(reprocessResetStep)
                .build();
    }

    @Bean
    public Step reprocessResetStep(JobRepository jobRepository, PlatformTransactionManager transactions,
                                   TrackStatusRepository statuses, ReprocessResults results) {
        return new StepBuilder("reprocessResetStep", jobRepository)
                .tasklet(resetTasklet(statuses, results), transactions)
                .build();
    }

    /** Runs inside the step's transaction: the lock, the summary and the reset commit or roll back together. */
    static Tasklet resetTasklet(TrackStatusRepository statuses, ReprocessResults results) {
        return (StepContribution contribution, ChunkContext chunk) -> {
            StepExecution step = chunk.getStepContext().getStepExecution();
            long executionId = step.getJobExecutionId();
            ReprocessFilter filter = ReprocessFilter.from(step.getJobParameters());
            List<ResetCandidate> tracks = statuses.selectForReset(filter.selection(SERVER_ZONE), !filter.dryRun());
            List<UUID> ids = tracks.stream().map(ResetCandidate::trackId).toList();
            int reset = filter.dryRun() ? 0 : statuses.reset(ids, filter.source());
            if (reset != ids.size() && !filter.dryRun()) {
                // cannot happen while the rows are locked; if it does, change nothing rather than half of it
                throw new IllegalStateException("reset " + reset + " of " + ids.size() + " selected tracks; rolled back");
            }
            ReprocessSummary summary = ReprocessSummary.of(executionId, filter, tracks, reset, statuses.statuses(filter.trackIds()));
            tracks.forEach(t -> contribution.incrementReadCount());
            contribution.incrementWriteCount(reset);
            ExecutionContext context = step.getJobExecution().getExecutionContext();
            context.putInt(MATCHED, summary.matched());
            context.putInt(RESET, reset);
            context.putInt(NOT_FOUND, summary.notFound().size());
            results.put(summary);
            log.atInfo()
                    .addKeyValue("job_execution_id", executionId)
                    .addKeyValue("matched", summary.matched())
                    .addKeyValue("reset", reset)
                    .addKeyValue("dry_run", filter.dryRun())
                    .log("reprocess run {}: {} tracks matched ({}; {} retriable), {}{}{}", executionId, summary.matched(),
                            summary.byStatus(), summary.retriable(),
                            filter.dryRun() ? "dry run, nothing changed" : reset + " reset to pending",
                            filter.source() == null ? "" : " (only " + filter.source() + " to be asked again)",
                            summary.notFound().isEmpty() ? "" : "; track ids not found: " + summary.notFound());
            return RepeatStatus.FINISHED;
        };
    }
}
