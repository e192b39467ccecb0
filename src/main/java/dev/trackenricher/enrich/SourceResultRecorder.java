package dev.trackenricher.enrich;

import dev.trackenricher.source.LastSourceErrors;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.Secrets;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourcesProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The last step of a source branch: records its result on the track's context, counts and logs it,
 * and remembers a failure as the source's last error. Error texts leave here with the sources'
 * credentials masked: they are stored, shown over REST and logged.
 */
@Component
public class SourceResultRecorder {

    private static final Logger log = LoggerFactory.getLogger(SourceResultRecorder.class);

    private final MeterRegistry meters;
    private final LastSourceErrors lastErrors;
    private final Secrets secrets;

    public SourceResultRecorder(MeterRegistry meters, LastSourceErrors lastErrors, SourcesProperties sources) {
        this.meters = meters;
        this.lastErrors = lastErrors;
        this.secrets = Secrets.of(sources);
    }

    public void record(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        if (!(body instanceof SourceResult raw) || context == null) {
            return;
        }
        SourceResult result = scrubbed(raw);
        exchange.getMessage().setBody(result);
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
        if (result.outcome() == Outcome.FAILED || result.outcome() == Outcome.RATE_LIMITED) {
            lastErrors.note(result.source(), result.outcome(), result.error(), context.correlationId());
        }
        if (result.outcome() == Outcome.FAILED || result.outcome().retriable()) {
            log.warn("{} {} for track {}: {}", result.source(), result.outcome().wireName(), context.track().trackId(), result.error());
        } else {
            log.debug("{} {} for track {}", result.source(), result.outcome().wireName(), context.track().trackId());
        }
    }

    private SourceResult scrubbed(SourceResult r) {
        String error = secrets.scrub(r.error());
        return error == null || error.equals(r.error()) ? r
                : new SourceResult(r.source(), r.outcome(), r.fields(), error, r.confidence());
    }
}
