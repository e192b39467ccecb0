package dev.trackenricher.source;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One source's circuit breaker, in resilience4j's own terms. The defaults open the breaker after
 * 5 consecutive failures, keep it open 60 s, then let 2 trial calls through; both must succeed.
 */
public record BreakerSettings(
        @DefaultValue("5") int slidingWindowSize,
        @DefaultValue("5") int minimumNumberOfCalls,
        @DefaultValue("100") float failureRateThreshold,
        @DefaultValue("60s") Duration waitDurationInOpenState,
        @DefaultValue("2") int permittedNumberOfCallsInHalfOpenState) {

    public static BreakerSettings defaults() {
        return new BreakerSettings(5, 5, 100f, Duration.ofSeconds(60), 2);
    }
}
