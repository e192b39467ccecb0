package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceCredentials;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceGuards;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourceResult;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The onFallback of a source branch: tells apart why the call did not return a result.
 * An exception caught → the call failed (or was told to slow down); no exception while the breaker
 * is open or half-open → short-circuited; anything else → the breaker's timeout or bulkhead.
 * Error texts lose any credential an API echoed back before they are stored, logged or shown.
 */
@Component
public class BranchFallback {

    private final SourceGuards guards;
    private final SourceCredentials credentials;

    public BranchFallback(SourceGuards guards, SourceCredentials credentials) {
        this.guards = guards;
        this.credentials = credentials;
    }

    public SourceResult classify(Exchange exchange) {
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (caught != null) {
            return fromException(source, caught);
        }
        CircuitBreaker.State state = guards.breaker(source).getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
                || state == CircuitBreaker.State.HALF_OPEN) {
            return SourceResult.of(source, Outcome.SHORT_CIRCUITED, "circuit breaker " + state.name().toLowerCase() + " for " + source);
        }
        return SourceResult.of(source, Outcome.FAILED, "timed out or rejected by the circuit breaker of " + source);
    }

    SourceResult fromException(String source, Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause()) {
            if (t instanceof SourceRateLimitedException limited) {
                guards.onRateLimited(source, limited.retryAfter());
                return SourceResult.of(source, Outcome.RATE_LIMITED, credentials.redact(limited.getMessage()));
            }
            if (t instanceof SourceConfigurationException misconfigured) {
                String reason = credentials.redact(misconfigured.getMessage());
                guards.stop(source, reason);
                return SourceResult.of(source, Outcome.FAILED, reason);
            }
            if (t instanceof SourceFailureException failure) {
                return SourceResult.of(source, Outcome.FAILED, credentials.redact(failure.getMessage()));
            }
        }
        return SourceResult.of(source, Outcome.FAILED, credentials.redact("unexpected " + caught.getClass().getSimpleName() + ": "
                + caught.getMessage()));
    }
}
