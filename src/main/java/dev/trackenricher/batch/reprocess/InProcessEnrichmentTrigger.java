package dev.trackenricher.batch.reprocess;

import dev.trackenricher.batch.EnrichJobLauncher;
import dev.trackenricher.cli.CommandLineMode;
import java.util.List;
import java.util.UUID;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/** In the service: launches the enrich job here, in the background, for just these tracks. */
@Component
@Profile("!" + CommandLineMode.PROFILE)
public class InProcessEnrichmentTrigger implements EnrichmentTrigger {

    private final EnrichJobLauncher launcher;

    public InProcessEnrichmentTrigger(EnrichJobLauncher launcher) {
        this.launcher = launcher;
    }

    @Override
    public void checkReady() {
        // the service runs the enrich routes itself
    }

    @Override
    public long trigger(List<UUID> trackIds) {
        return launcher.launch(trackIds.size(), trackIds).getId();
    }
}
