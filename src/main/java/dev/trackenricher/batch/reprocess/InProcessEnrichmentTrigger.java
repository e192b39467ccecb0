package dev.trackenricher.batch.reprocess;

import dev.trackenricher.batch.cycle.EnrichRuns;
import dev.trackenricher.batch.cycle.RunRequest;
import dev.trackenricher.cli.CommandLineMode;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** In the service: the same path as POST /enrich/trigger, for just these tracks (a run started for them, or the one going). */
@Component
@Profile("!" + CommandLineMode.PROFILE)
public class InProcessEnrichmentTrigger implements EnrichmentTrigger {

    private final EnrichRuns runs;

    public InProcessEnrichmentTrigger(EnrichRuns runs) {
        this.runs = runs;
    }

    @Override
    public void checkReady() {
        // the service runs the enrich routes itself
    }

    @Override
    public Long trigger(List<UUID> trackIds) {
        return runs.request(RunRequest.tracks(trackIds, "reprocess")).jobExecutionId();
    }
}
