package dev.trackenricher.ops;

import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.breaker.SourceBreakers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code enrichment_circuit_breaker_state{api,state}}: for every source and every breaker state, 1
 * when the source's breaker is in that state, else 0. Read from the breakers at each scrape.
 */
@Component
public class BreakerStateMetrics {

    public static final String NAME = "enrichment_circuit_breaker_state";
    static final List<CircuitBreaker.State> STATES = List.of(CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
            CircuitBreaker.State.HALF_OPEN, CircuitBreaker.State.FORCED_OPEN);

    public BreakerStateMetrics(SourceBreakers breakers, SourcesProperties sources, MeterRegistry meters) {
        for (String source : sources.sources().keySet()) {
            CircuitBreaker breaker = breakers.breaker(source);
            for (CircuitBreaker.State state : STATES) {
                Gauge.builder(NAME, breaker, b -> b.getState() == state ? 1 : 0)
                        .description("1 when the source's circuit breaker is in this state, else 0")
                        .tag("api", source)
                        .tag("state", stateName(state))
                        .strongReference(true)
                        .register(meters);
            }
        }
    }

    /** closed / open / half_open / forced_open, as /health shows it. */
    public static String stateName(CircuitBreaker.State state) {
        return SourceBreakers.stateName(state);
    }
}
