package dev.trackenricher.batch.reprocess;

import java.util.List;
import java.util.UUID;

/** Starts enrichment of exactly the tracks a reprocess run reset (--trigger-now, the nightly run). */
public interface EnrichmentTrigger {

    /** Fails (with the reason) when enrichment cannot be started from here; called before anything is reset. */
    void checkReady();

    /**
     * Never waits for a run: the tracks are taken by the run it starts, or by the one going.
     *
     * @return that enrich job execution; null when none is known yet (a run was just ending: the next one takes them)
     */
    Long trigger(List<UUID> trackIds);
}
