package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The step where a source attempt's result is final: recorded on the track's context, counted and
 * logged, and a failure remembered as the source's last error. (Its error text was redacted when it
 * was made, see {@link SourceResult}.)
 */
@Component
public class SourceResultRecorder {

    private static final Logger log = LoggerFactory.getLogger(SourceResultRecorder.class);

    private final MeterRegistry meters;
    private final LastSourceErrors lastErrors;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public SourceResultRecorder(MeterRegistry meters, LastSourceErrors lastErrors) {
        this.meters = meters;
        this.lastErrors = lastErrors;
    }

    public void record(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof SourceResult result)) {
            return;
        }
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        if (context == null) {
            return;
        }
        if (!context.record(result)) {
            log.warn("{} answered for track {} after the fan-out had concluded; ignored", result.source(), context.track().trackId());
            return;
        }
        counter(result).increment();
        if (result.outcome() == Outcome.FAILED || result.outcome() == Outcome.RATE_LIMITED) {
            lastErrors.note(result.source(), result.outcome(), result.error(), context.correlationId());
        }
        if (result.outcome() == Outcome.FAILED || result.outcome().retriable()) {
            log.warn("{} {} for track {}: {}", result.source(), result.outcome().wireName(), context.track().trackId(), result.error());
        } else {
            log.debug("{} {} for track {}", result.source(), result.outcome().wireName(), context.track().trackId());
        }
    }

    private Counter counter(SourceResult result) {
        // registered once per source and outcome: a registry lookup per attempt costs more than the attempt's bookkeeping
        return counters.computeIfAbsent(result.source() + '/' + result.outcome().wireName(), k -> Counter.builder("enrichment_tasks")
                .description("Source attempts per track by outcome")
                .tag("source", result.source())
                .tag("status", result.outcome().wireName())
                .register(meters));
    }
}
