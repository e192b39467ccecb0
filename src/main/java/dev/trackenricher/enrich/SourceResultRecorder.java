package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The last step of a source branch: records its result on the track's context, counts and logs it. */
@Component
public class SourceResultRecorder {

    private static final Logger log = LoggerFactory.getLogger(SourceResultRecorder.class);

    private final MeterRegistry meters;

    public SourceResultRecorder(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        if (!(body instanceof SourceResult result) || context == null) {
            return;
        }
        if (!context.record(result)) {
            log.warn("{} answered for track {} after the fan-out had concluded; ignored", result.source(), context.track().trackId());
            return;
        }
        Counter.builder("enrichment_tasks")
                .description("Source attempts per track by outcome")
                .tag("source", result.source())
                .tag("status", result.outcome().wireName())
                .register(meters)
                .increment();
        if (result.outcome() == Outcome.FAILED || result.outcome().retriable()) {
            log.warn("{} {} for track {}: {}", result.source(), result.outcome().wireName(), context.track().trackId(), result.error());
        } else {
            log.debug("{} {} for track {}", result.source(), result.outcome().wireName(), context.track().trackId());
        }
    }
}
