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
        @DefaultValue("100") int progressEvery,
        /* the enrichment cycle: runs started by the service itself */
        @DefaultValue Schedule schedule) {

    /** {@code enricher.batch.schedule.*}: the enrichment cycle. */
    public record Schedule(
            /* false: runs start only when triggered (REST, reprocess --trigger-now, the nightly run) */
            @DefaultValue("true") boolean enabled,
            /* how often the service looks for due tracks; a new track waits at most this long */
            @DefaultValue("30s") Duration interval,
            /* while a run has tracks in flight and found nothing more due, it looks again this often */
            @DefaultValue("1s") Duration dueCheck,
            /* the longest a trigger waits, for a run that has just taken its last track to end, before answering */
            @DefaultValue("5s") Duration triggerWait) {
    }
}
