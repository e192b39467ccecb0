package dev.trackenricher.batch.reprocess;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Reprocessing failed enrichments ({@code enricher.reprocess.*} in batch-config/reprocess.yml). */
@ConfigurationProperties("enricher.reprocess")
public record ReprocessSettings(
        /* tracks one run resets when no limit is given */
        @DefaultValue("100") int defaultLimit,
        /* the running service, which the command line's --trigger-now asks to enrich the reset tracks */
        @DefaultValue("http://localhost:8020") URI serviceUrl,
        @DefaultValue("10s") Duration serviceTimeout,
        @DefaultValue Schedule schedule) {

    /** The nightly run: reset the retriable failures, then enrich them. */
    public record Schedule(
            @DefaultValue("true") boolean enabled,
            /* Spring cron (second minute hour day month weekday), server time; "-" turns it off */
            @DefaultValue("0 0 2 * * *") String cron,
            @DefaultValue("1000") int limit) {
    }
}
