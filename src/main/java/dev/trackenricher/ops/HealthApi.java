package dev.trackenricher.ops;

import dev.trackenricher.api.ApiResponse;
import dev.trackenricher.credentials.CredentialStore;
import dev.trackenricher.enrich.LastSourceErrors;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.breaker.BreakerTransitions;
import dev.trackenricher.source.breaker.SourceBreakers;
import dev.trackenricher.source.breaker.SourceStops;
import dev.trackenricher.source.limits.RateLimits;
import dev.trackenricher.source.limits.SourcePause;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * GET /health: the service, its database, and each API client: breaker state, enabled, credentials
 * present, success rate over the breaker's recent window, its last error, why a source was stopped,
 * until when and why it is paused (Retry-After, a spent quota, a blocked key, the API's own limit or the
 * source's budget used up), what its rate limit guarantees, and optional features it refused.
 */
@Component
public class HealthApi {

    private final SourceClients clients;
    private final SourceBreakers breakers;
    private final SourceStops stops;
    private final RateLimits limits;
    private final CredentialStore credentials;
    private final SourcesProperties properties;
    private final DatabaseHealth database;
    private final LastSourceErrors lastErrors;
    private final BreakerTransitions transitions;

    public HealthApi(SourceClients clients, SourceBreakers breakers, SourceStops stops, RateLimits limits, CredentialStore credentials,
                     SourcesProperties properties, DatabaseHealth database, LastSourceErrors lastErrors, BreakerTransitions transitions) {
        this.lastErrors = lastErrors;
        this.transitions = transitions;
        this.clients = clients;
        this.breakers = breakers;
        this.stops = stops;
        this.limits = limits;
        this.credentials = credentials;
        this.properties = properties;
        this.database = database;
    }

    public ApiResponse health() {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean databaseUp = databaseUp();
        body.put("status", databaseUp ? "UP" : "DOWN");
        body.put("database", databaseUp ? "up" : "down");
        Map<String, Object> apiClients = new LinkedHashMap<>();
        for (SourceClient client : clients.all()) {
            apiClients.put(client.name(), client(client));
        }
        body.put("api_clients", apiClients);
        return new ApiResponse(databaseUp ? 200 : 503, body);
    }

    private Map<String, Object> client(SourceClient client) {
        CircuitBreaker breaker = breakers.breaker(client.name());
        CircuitBreaker.Metrics metrics = breaker.getMetrics();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("breaker_state", SourceBreakers.stateName(breaker.getState()));
        c.put("enabled", properties.settings(client.name()).enabled());
        c.put("credentials_present", credentials.present(client.name(), client.credentialNames()));
        int calls = metrics.getNumberOfBufferedCalls();
        c.put("recent_calls", calls);
        c.put("success_rate", calls == 0 ? null : Math.round(1000.0 * metrics.getNumberOfSuccessfulCalls() / calls) / 1000.0);
        c.put("stopped", stops.stoppedReason(client.name()).orElse(null));
        Optional<SourcePause> pause = limits.pause(client.name());
        c.put("paused_until", pause.map(p -> p.until().toString()).orElse(null));
        c.put("pause_reason", pause.map(SourcePause::reason).orElse(null));
        c.put("paused_since", pause.map(p -> p.since().toString()).orElse(null));
        c.put("rate_limit", rateLimit(limits.view(client.name())));
        c.put("disabled_features", stops.featuresOff(client.name()));
        c.put("breaker_transitions", transitions.recent(client.name()).stream()
                .map(t -> Map.of("from", t.from(), "to", t.to(), "at", t.at().toString())).toList());
        c.put("last_error", lastErrors.last(client.name()).map(e -> {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("outcome", e.outcome());
            error.put("message", e.message());
            error.put("at", e.at().toString());
            error.put("correlation_id", e.correlationId());
            return error;
        }).orElse(null));
        return c;
    }

    /**
     * The source's limit and what it guarantees: {@code holds} is {@code at_the_api} for a strictly
     * spaced source (two requests never reach the API closer than {@code spacing_ms}, across every
     * instance: the next leaves that long after the previous one's answer) and {@code between_permits}
     * for the others (permits that far apart across every instance; arrivals may come closer by the
     * time between permit and arrival). The budget's count is the last one this instance saw.
     */
    private static Map<String, Object> rateLimit(RateLimits.View v) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (v.spacing() == null) {
            m.put("per_second", null);
            m.put("holds", "unlimited");
        } else {
            m.put("per_second", v.perSecond());
            m.put("spacing_ms", v.spacing().toMillis());
            m.put("holds", v.strict() ? "at_the_api" : "between_permits");
        }
        v.budget().ifPresent(b -> {
            Map<String, Object> budget = new LinkedHashMap<>();
            budget.put("requests", b.requests());
            budget.put("per", b.per().toString());
            budget.put("used", v.budgetUsed().orElse(null));
            budget.put("counted_at", v.budgetSeenAt().map(Object::toString).orElse(null));
            m.put("budget", budget);
        });
        return m;
    }

    /** Bounded: a database that does not answer is down within enricher.health.database-timeout, not the pool's wait. */
    private boolean databaseUp() {
        return database.up();
    }
}
