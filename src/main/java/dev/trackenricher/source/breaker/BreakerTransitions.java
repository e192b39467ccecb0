package dev.trackenricher.source.breaker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Each source's recent breaker transitions (closed → open → half_open → …), kept for /health and
 * logged as they happen: what an operator asks first when a source's data stops coming.
 */
@Component
public class BreakerTransitions {

    private static final Logger log = LoggerFactory.getLogger(BreakerTransitions.class);

    public record Transition(String from, String to, Instant at) {
    }

    private final int keep;
    private final Map<String, Deque<Transition>> recent = new ConcurrentHashMap<>();

    public BreakerTransitions(SourceBreakers breakers, @Value("${enricher.health.breaker-transitions-kept:20}") int keep) {
        this.keep = keep;
        for (CircuitBreaker breaker : breakers.all()) {
            breaker.getEventPublisher().onStateTransition(event -> {
                String from = name(event.getStateTransition().getFromState());
                String to = name(event.getStateTransition().getToState());
                record(breaker.getName(), new Transition(from, to, event.getCreationTime().toInstant()));
                if (to.equals("open") || to.equals("forced_open")) {
                    log.warn("{} circuit breaker {} → {}", breaker.getName(), from, to);
                } else {
                    log.info("{} circuit breaker {} → {}", breaker.getName(), from, to);
                }
            });
        }
    }

    private void record(String source, Transition t) {
        Deque<Transition> q = recent.computeIfAbsent(source, s -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(t);
            while (q.size() > keep) {
                q.removeFirst();
            }
        }
    }

    /** Oldest first. */
    public List<Transition> recent(String source) {
        Deque<Transition> q = recent.get(source);
        if (q == null) {
            return List.of();
        }
        synchronized (q) {
            return List.copyOf(q);
        }
    }

    private static String name(CircuitBreaker.State state) {
        return SourceBreakers.stateName(state);
    }
}
