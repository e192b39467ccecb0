package dev.trackenricher.enrich;

import dev.trackenricher.source.Hint;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.breaker.SourceBreakers;
import dev.trackenricher.source.breaker.SourceStops;
import dev.trackenricher.source.limits.RateLimits;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The step after a branch recorded its result: acts on the hints the source's answer gave, for
 * every later request of that source. A {@code Retry-After} holds the source back (every instance,
 * through the shared bucket) up to its cap, beyond which its breaker opens; a used-up budget holds
 * it back until then; a refused feature is switched off; a refused configuration stops the source.
 * Applied even to a result that came too late for its track: what the API said still holds.
 */
@Component("sourceHints")
public class SourceHints {

    private static final Logger log = LoggerFactory.getLogger(SourceHints.class);

    private final RateLimits limits;
    private final SourceBreakers breakers;
    private final SourceStops stops;

    public SourceHints(RateLimits limits, SourceBreakers breakers, SourceStops stops) {
        this.limits = limits;
        this.breakers = breakers;
        this.stops = stops;
    }

    public void apply(Exchange exchange) {
        if (exchange.getMessage().getBody() instanceof SourceResult result) {
            apply(result);
        }
    }

    public void apply(SourceResult result) {
        String source = result.source();
        for (Hint hint : result.hints()) {
            // Java 17: no pattern matching in switch yet; the interface is sealed, so these four are all there is
            if (hint instanceof Hint.RetryAfter r) {
                if (limits.retryAfter(source, r.delay())) {
                    log.warn("{}: Retry-After beyond its cap: opening its breaker", source);
                    breakers.open(source);
                }
            } else if (hint instanceof Hint.PauseUntil p) {
                limits.pauseUntil(source, p.until());
            } else if (hint instanceof Hint.FeatureOff f) {
                stops.featureOff(source, f.feature(), f.reason());
            } else if (hint instanceof Hint.Stop s) {
                stops.stop(source, s.reason());
            }
        }
    }
}
