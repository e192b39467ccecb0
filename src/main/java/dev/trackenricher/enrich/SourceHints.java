package dev.trackenricher.enrich;

import dev.trackenricher.source.Hint;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.breaker.SourceStops;
import dev.trackenricher.source.limits.RateLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The step after a branch recorded its result: acts on the hints the source's answer gave, for
 * every later request of that source. A {@code Retry-After} or a spent quota, blocked key or used-up
 * budget pauses the source until then (every instance: the pause is stored), however long: no trial
 * call probes a quota block, so the breaker is left alone; a refused feature is switched off; a
 * refused configuration stops the source. Applied even to a result that came too late for its
 * track: what the API said still holds. Applying a pause twice changes nothing (a pause is "until
 * the latest", never a sum).
 */
@Component("sourceHints")
public class SourceHints {

    private final RateLimits limits;
    private final SourceStops stops;

    public SourceHints(RateLimits limits, SourceStops stops) {
        this.limits = limits;
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
                limits.retryAfter(source, r.delay());
            } else if (hint instanceof Hint.PauseUntil p) {
                limits.pauseUntil(source, p.until(), p.reason());
            } else if (hint instanceof Hint.FeatureOff f) {
                stops.featureOff(source, f.feature(), f.reason());
            } else if (hint instanceof Hint.Stop s) {
                stops.stop(source, s.reason());
            }
        }
    }

    /** When a result's hints say its source may be asked again: the end of the latest pause they ask for. */
    static Optional<Instant> notBefore(SourceResult result, Instant now) {
        Instant latest = null;
        for (Hint hint : result.hints()) {
            Instant end = null;
            if (hint instanceof Hint.RetryAfter r) {
                end = now.plus(r.delay().isNegative() ? Duration.ZERO : r.delay());
            } else if (hint instanceof Hint.PauseUntil p) {
                end = p.until();
            }
            if (end != null && (latest == null || end.isAfter(latest))) {
                latest = end;
            }
        }
        return Optional.ofNullable(latest);
    }
}
