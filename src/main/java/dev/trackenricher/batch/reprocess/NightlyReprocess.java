package dev.trackenricher.batch.reprocess;

import dev.trackenricher.cli.CommandLineMode;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly reprocess run (cron {@code enricher.reprocess.schedule.cron}, server time): resets
 * the retriable failures and starts their enrichment. Runs once per night across all instances
 * sharing the database, through job-instance uniqueness (see {@link Reprocessor#runNightly}).
 */
@Component
@EnableScheduling
@Profile("!" + CommandLineMode.PROFILE)
@ConditionalOnProperty(prefix = "enricher.reprocess.schedule", name = "enabled", havingValue = "true", matchIfMissing = true)
public class NightlyReprocess {

    private static final Logger log = LoggerFactory.getLogger(NightlyReprocess.class);

    private final Reprocessor reprocessor;
    private final ReprocessSettings settings;
    private final Clock clock;

    public NightlyReprocess(Reprocessor reprocessor, ReprocessSettings settings, Clock clock) {
        this.reprocessor = reprocessor;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(cron = "${enricher.reprocess.schedule.cron:0 0 2 * * *}")
    public void run() {
        LocalDate night = LocalDate.ofInstant(clock.instant(), ReprocessJobConfiguration.SERVER_ZONE);
        try {
            reprocessor.runNightly(night, settings.schedule().limit()).ifPresent(summary ->
                    log.info("nightly reprocess for {}: {} retriable tracks reset{}", night, summary.reset(),
                            summary.enrichJobExecutionId() == null ? "" : ", enrich run " + summary.enrichJobExecutionId() + " started"));
        } catch (ReprocessFailedException e) {
            log.error("nightly reprocess for {} failed: {}", night, e.getMessage());
        }
    }
}
