package dev.trackenricher.batch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The enrich job's knobs ({@code enricher.batch.*} in batch-config/). */
@ConfigurationProperties("enricher.batch")
public record BatchSettings(
        /* tracks claimed and written per transaction */
        @DefaultValue("50") int chunkSize,
        /* tracks in flight at once (each fans out to every source) */
        @DefaultValue("16") int concurrency,
        /* a claim older than this is taken again: a crashed run loses nothing */
        @DefaultValue("10m") Duration claimTimeout,
        /* tracks one run takes when the trigger names no limit */
        @DefaultValue("10000") int defaultLimit,
        /* a progress line every this many tracks */
        @DefaultValue("100") int progressEvery) {
}
