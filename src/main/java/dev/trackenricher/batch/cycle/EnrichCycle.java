package dev.trackenricher.batch.cycle;

import dev.trackenricher.batch.BatchSettings;
import dev.trackenricher.cli.CommandLineMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The enrichment cycle: every {@code enricher.batch.schedule.interval} the service starts a run
 * over every due track — new tracks, back-off retries come due, tracks whose source's pause has
 * ended (their {@code next_attempt_at}) — unless a run is going here or on another instance
 * ({@link EnrichRuns}). With {@code enricher.batch.schedule.enabled: false} runs start only when
 * triggered; the ticks then only start what triggers kept for when the lock is free. Ticks begin
 * once the service is ready (its routes started), so no run starts before the fan-out is there.
 */
@Component
@EnableScheduling
@Profile("!" + CommandLineMode.PROFILE)
public class EnrichCycle {

    private static final Logger log = LoggerFactory.getLogger(EnrichCycle.class);

    private final EnrichRuns runs;
    private final BatchSettings.Schedule schedule;
    private volatile boolean ready;

    public EnrichCycle(EnrichRuns runs, BatchSettings settings) {
        this.runs = runs;
        this.schedule = settings.schedule();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        ready = true;
        if (schedule.enabled()) {
            log.info("enrich cycle: every {} s, a run over every due track (one run at a time across all instances)",
                    schedule.interval().toMillis() / 1000.0);
        } else {
            log.info("enrich cycle off (enricher.batch.schedule.enabled: false): enrich runs start only when triggered");
        }
    }

    @Scheduled(fixedDelayString = "${enricher.batch.schedule.interval:30s}", initialDelayString = "${enricher.batch.schedule.interval:30s}")
    public void tick() {
        if (ready) {
            runs.tick(schedule.enabled());
        }
    }
}
