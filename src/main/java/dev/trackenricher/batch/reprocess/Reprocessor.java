package dev.trackenricher.batch.reprocess;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParameters;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.launch.JobLauncher;
import org.springframework.batch.core.repository.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.repository.JobRestartException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/** Runs the reprocess job to its end (it is short) and answers with its summary. */
@Component
public class Reprocessor {

    private static final Logger log = LoggerFactory.getLogger(Reprocessor.class);

    private final JobLauncher launcher;
    private final Job job;
    private final ReprocessResults results;
    private final EnrichmentTrigger trigger;
    private final JobRepository jobRepository;

    public Reprocessor(@Qualifier("jobLauncher") JobLauncher launcher, @Qualifier(ReprocessJobConfiguration.JOB_NAME) Job job,
                       ReprocessResults results, EnrichmentTrigger trigger, JobRepository jobRepository) {
        this.launcher = launcher;
        this.job = job;
        this.results = results;
        this.trigger = trigger;
        this.jobRepository = jobRepository;
    }

    /**
     * One ad-hoc run (CLI, REST).
     *
     * @throws ReprocessFailedException when it could not run or did not complete (the message says what changed)
     */
    public ReprocessSummary run(ReprocessFilter filter) {
        if (filter.triggerNow() && !filter.dryRun()) {
            try {
                trigger.checkReady();
            } catch (RuntimeException e) {
                throw new ReprocessFailedException("--trigger-now: " + e.getMessage() + "; nothing was changed", null);
            }
        }
        JobParameters params = filter.addTo(new JobParametersBuilder()
                .addString(ReprocessJobConfiguration.LAUNCH_ID, UUID.randomUUID().toString(), true)).toJobParameters();
        JobExecution execution;
        try {
            execution = launcher.run(job, params);
        } catch (Exception e) {
            throw new ReprocessFailedException("could not start the reprocess job, nothing was changed: " + e.getMessage(), null);
        }
        return triggerIfAsked(execution, filter, finish(execution));
    }

    /**
     * The nightly run for {@code night}: every retriable failure, then their enrichment. The night
     * identifies the job instance, so when several instances of the service share the database, the
     * job repository lets exactly one of them run it; the others are told it ran (or is running).
     *
     * @return the summary, or empty when this night's run was already taken
     */
    public Optional<ReprocessSummary> runNightly(LocalDate night, int limit) {
        JobParameters params = ReprocessFilter.nightly(limit).addTo(new JobParametersBuilder()
                .addLocalDate(ReprocessJobConfiguration.NIGHT, night, true)).toJobParameters();
        JobExecution execution;
        try {
            execution = launcher.run(job, params);
        } catch (JobInstanceAlreadyCompleteException | JobExecutionAlreadyRunningException e) {
            log.info("nightly reprocess for {}: already done or under way (another instance took it): {}", night, e.getMessage());
            return Optional.empty();
        } catch (DataIntegrityViolationException | ConcurrencyFailureException e) {
            // two instances created the night's job instance at the same moment; the other one won
            log.info("nightly reprocess for {}: another instance is starting it", night);
            return Optional.empty();
        } catch (JobRestartException e) {
            log.warn("nightly reprocess for {}: cannot run it again: {}", night, e.getMessage());
            return Optional.empty();
        } catch (Exception e) {
            throw new ReprocessFailedException("could not start the nightly reprocess job: " + e.getMessage(), null);
        }
        return Optional.of(triggerIfAsked(execution, ReprocessFilter.nightly(limit), finish(execution)));
    }

    private ReprocessSummary finish(JobExecution execution) {
        ReprocessSummary summary = results.take(execution.getId());
        if (execution.getStatus() == BatchStatus.COMPLETED && summary != null) {
            return summary;
        }
        String cause = execution.getAllFailureExceptions().stream().findFirst().map(Reprocessor::rootMessage)
                .orElse("ended " + execution.getStatus());
        throw new ReprocessFailedException("the reset failed and nothing was changed: " + cause
                + " (reprocess job execution " + execution.getId() + ")", null);
    }

    /** After the reset committed: enrichment of exactly the reset tracks, noted on the reprocess job execution. */
    private ReprocessSummary triggerIfAsked(JobExecution execution, ReprocessFilter filter, ReprocessSummary summary) {
        if (!filter.triggerNow() || filter.dryRun() || summary.reset() == 0) {
            return summary;
        }
        Long enrichId;
        try {
            enrichId = trigger.trigger(summary.trackIds());
        } catch (RuntimeException e) {
            throw new ReprocessFailedException("reset " + summary.reset() + " tracks (pending, due now), but could not start their "
                    + "enrichment: " + rootMessage(e) + " (reprocess job execution " + execution.getId() + ")", summary);
        }
        if (enrichId == null) {
            log.info("reprocess run {}: the {} reset tracks are kept for the next enrich run (one was ending)", execution.getId(),
                    summary.reset());
            return summary;
        }
        execution.getExecutionContext().putLong(ReprocessJobConfiguration.ENRICH_JOB_EXECUTION_ID, enrichId);
        jobRepository.updateExecutionContext(execution);
        log.info("reprocess run {}: enrich run {} takes the {} reset tracks", execution.getId(), enrichId, summary.reset());
        return summary.withEnrichJobExecutionId(enrichId);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
