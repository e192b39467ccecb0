package dev.trackenricher.source.breaker;

import dev.trackenricher.source.BreakerSettings;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourcesProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Each source's circuit breaker (resilience4j, one per source, shared by every track; per
 * instance), named after the source. The branch routes use them as {@code breaker-<source>}.
 */
@Component
public class SourceBreakers {

    private final CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();

    public SourceBreakers(SourcesProperties properties) {
        properties.sources().forEach((source, settings) -> {
            CircuitBreaker breaker = registry.circuitBreaker(source, config(settings.breaker()));
            reopenOnFailureWhileHalfOpen(breaker);
        });
    }

    static CircuitBreakerConfig config(BreakerSettings s) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(s.slidingWindowSize())
                .minimumNumberOfCalls(s.minimumNumberOfCalls())
                .failureRateThreshold(s.failureRateThreshold())
                .waitDurationInOpenState(s.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(s.permittedNumberOfCallsInHalfOpenState())
                // a "slow down" answer says nothing about the source's health
                .ignoreException(SourceBreakers::isRateLimit)
                .build();
    }

    /** resilience4j closes a half-open breaker unless the failure rate reaches the threshold; we want every trial call to succeed. */
    private static void reopenOnFailureWhileHalfOpen(CircuitBreaker breaker) {
        breaker.getEventPublisher().onError(event -> {
            if (breaker.getState() == CircuitBreaker.State.HALF_OPEN) {
                breaker.transitionToOpenState();
            }
        });
    }

    static boolean isRateLimit(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SourceRateLimitedException) {
                return true;
            }
        }
        return false;
    }

    public CircuitBreaker breaker(String source) {
        return registry.find(source).orElseThrow(() -> new IllegalArgumentException("unknown source: " + source));
    }

    public Collection<CircuitBreaker> all() {
        return List.copyOf(registry.getAllCircuitBreakers());
    }

    /**
     * True when the breaker is open and its open period has not elapsed. Asked before waiting for a
     * rate-limit permit, so a short-circuited attempt neither waits nor spends a permit.
     */
    public boolean shortCircuited(String source) {
        CircuitBreaker breaker = breaker(source);
        CircuitBreaker.State state = breaker.getState();
        if (state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN) {
            return false;
        }
        if (breaker.tryAcquirePermission()) {
            // the open period is over: the breaker is half-open now; give the trial slot back to the real call
            breaker.releasePermission();
            return false;
        }
        return true;
    }

    /** Opens the source's breaker now (an API asked for a wait beyond the cap). */
    public void open(String source) {
        breaker(source).transitionToOpenState();
    }

    /** Closes the breaker (an operator's reset). */
    public void reset(String source) {
        breaker(source).transitionToClosedState();
    }

    /** closed / open / half_open / forced_open, as /health shows it. */
    public static String stateName(CircuitBreaker.State state) {
        return state.name().toLowerCase(java.util.Locale.ROOT);
    }
}
