package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.breaker.SourceBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The onFallback of a source branch: tells apart why the call did not return a result.
 * An exception caught → the call failed (or was told to slow down), with the hints the exception
 * carries; no exception while the breaker is open or half-open → short-circuited; anything else →
 * the breaker's timeout or bulkhead. Acting on the hints is the branch's next steps' ({@link SourceHints}).
 */
@Component
public class BranchFallback {

    private final SourceBreakers breakers;

    public BranchFallback(SourceBreakers breakers) {
        this.breakers = breakers;
    }

    public SourceResult classify(Exchange exchange) {
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (caught != null) {
            return SourceResult.failed(source, caught);
        }
        CircuitBreaker.State state = breakers.breaker(source).getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
                || state == CircuitBreaker.State.HALF_OPEN) {
            return SourceResult.of(source, Outcome.SHORT_CIRCUITED, "circuit breaker " + SourceBreakers.stateName(state) + " for " + source);
        }
        return SourceResult.of(source, Outcome.FAILED, "timed out or rejected by the circuit breaker of " + source);
    }
}
