package dev.trackenricher.batch;

import java.time.LocalDateTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ChunkListener;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.scope.context.ChunkContext;

/** Logs the run's progress (counts, rate, ETA) each time another {@code progress-every} tracks are written. */
public class ProgressLogger implements ChunkListener {

    private static final Logger log = LoggerFactory.getLogger(ProgressLogger.class);

    /** where the step's last logged count is kept: per run (one listener serves every run of the step) */
    static final String LOGGED_KEY = "enrich.progress.logged";

    private final int every;

    public ProgressLogger(int every) {
        this.every = Math.max(1, every);
    }

    @Override
    public void afterChunk(ChunkContext context) {
        StepExecution step = context.getStepContext().getStepExecution();
        EnrichProgress progress = EnrichProgress.of(step, LocalDateTime.now());
        long lastLogged = step.getExecutionContext().getLong(LOGGED_KEY, 0L);
        if (progress.done() - lastLogged >= every || (progress.done() >= progress.total() && progress.done() > lastLogged)) {
            step.getExecutionContext().putLong(LOGGED_KEY, progress.done());
            log.atInfo()
                    .addKeyValue("job_execution_id", step.getJobExecutionId())
                    .addKeyValue("done", progress.done())
                    .addKeyValue("total", progress.total())
                    .addKeyValue("rate", Math.round(progress.ratePerSecond() * 10) / 10.0)
                    .addKeyValue("eta_seconds", progress.eta() == null ? null : progress.eta().toSeconds())
                    .addKeyValue("total_at_start", step.getExecutionContext().getInt(ClaimingTrackReader.TOTAL_AT_START_KEY, 0))
                    .log("enrich run {}: {}", step.getJobExecutionId(), progress.describe());
        }
    }
}
