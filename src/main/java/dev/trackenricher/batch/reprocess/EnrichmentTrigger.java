package dev.trackenricher.batch.reprocess;

import java.util.List;
import java.util.UUID;

/** Starts enrichment of exactly the tracks a reprocess run reset (--trigger-now, the nightly run). */
public interface EnrichmentTrigger {

    /** Fails (with the reason) when enrichment cannot be started from here; called before anything is reset. */
    void checkReady();

    /** @return the enrich job execution started for these tracks */
    long trigger(List<UUID> trackIds);
}
