package dev.trackenricher.batch;

import dev.trackenricher.enrich.EnrichmentAssembler;
import dev.trackenricher.enrich.EnrichmentContext;
import dev.trackenricher.enrich.EnrichmentPlanner;
import dev.trackenricher.enrich.TrackLogContext;
import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.TrackToEnrich;
import java.time.Clock;
import java.util.UUID;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.item.ItemProcessor;

/**
 * Hands one track to the Camel fan-out ({@code direct:enrich}). The route never throws by design;
 * if Camel itself fails, every planned source of the track is recorded as failed, so the chunk is
 * never lost for one track.
 */
public class EnrichItemProcessor implements ItemProcessor<TrackToEnrich, EnrichmentResult> {

    private static final Logger log = LoggerFactory.getLogger(EnrichItemProcessor.class);

    private final ProducerTemplate camel;
    private final EnrichmentPlanner planner;
    private final EnrichmentAssembler assembler;
    private final Clock clock;
    private final String endpoint;

    /** @param parallel false sends tracks to the one-after-another route kept for comparison */
    public EnrichItemProcessor(ProducerTemplate camel, EnrichmentPlanner planner, EnrichmentAssembler assembler, Clock clock,
                               boolean parallel) {
        this.camel = camel;
        this.endpoint = parallel ? "direct:enrich" : "direct:enrich-one-after-another";
        this.planner = planner;
        this.assembler = assembler;
        this.clock = clock;
    }

    @Override
    public EnrichmentResult process(TrackToEnrich track) {
        try {
            return camel.requestBody(endpoint, track, EnrichmentResult.class);
        } catch (RuntimeException e) {
            // Camel wraps what failed in a message naming only the exchange; the stored error says what failed
            Throwable cause = e instanceof CamelExecutionException && e.getCause() != null ? e.getCause() : e;
            log.error("the enrich route failed for track {}: {}", track.trackId(), cause.toString());
            EnrichmentContext context = new EnrichmentContext(track, planner.plan(track), UUID.randomUUID().toString(), clock.instant());
            String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            return assembler.failAll(context, "enrich route error: " + why);
        } finally {
            // the planner put the track's correlation id on this pool thread; the next track is another one
            TrackLogContext.clear();
        }
    }
}
