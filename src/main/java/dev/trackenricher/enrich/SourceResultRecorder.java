package dev.trackenricher.enrich;

import dev.trackenricher.credentials.Redactor;
import dev.trackenricher.source.Hint;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The step where a source attempt's result is final: its error text (and the reasons its hints
 * give) lose every credential an API echoed back ({@link Redactor}): from here they are stored,
 * shown over REST and logged. Then the result is recorded on the track's context, counted and
 * logged, and a failure remembered as the source's last error.
 */
@Component
public class SourceResultRecorder {

    private static final Logger log = LoggerFactory.getLogger(SourceResultRecorder.class);

    private final MeterRegistry meters;
    private final LastSourceErrors lastErrors;
    private final Redactor redactor;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public SourceResultRecorder(MeterRegistry meters, LastSourceErrors lastErrors) {
        this.meters = meters;
        this.lastErrors = lastErrors;
        this.redactor = Redactor.process();
    }

    public void record(Exchange exchange) {
        Object body = exchange.getMessage().getBody();
        if (!(body instanceof SourceResult raw)) {
            return;
        }
        SourceResult result = redacted(raw);
        exchange.getMessage().setBody(result);
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

    SourceResult redacted(SourceResult r) {
        if (r.error() == null && r.hints().isEmpty()) {
            return r;
        }
        List<Hint> hints = new ArrayList<>(r.hints().size());
        for (Hint h : r.hints()) {
            if (h instanceof Hint.Stop s) {
                hints.add(Hint.stop(redactor.redact(s.reason())));
            } else if (h instanceof Hint.FeatureOff f) {
                hints.add(Hint.featureOff(f.feature(), redactor.redact(f.reason())));
            } else if (h instanceof Hint.PauseUntil p) {
                hints.add(new Hint.PauseUntil(p.until(), redactor.redact(p.reason())));
            } else {
                hints.add(h);
            }
        }
        return new SourceResult(r.source(), r.outcome(), r.fields(), redactor.redact(r.error()), r.confidence(), hints);
    }
}
