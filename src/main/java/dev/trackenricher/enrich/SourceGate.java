package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceGuards;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourcesProperties;
import java.time.Instant;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The first step of a source branch: decides whether this track's call to this source happens.
 * Not planned → nothing; disabled, no credentials, stopped or prerequisite missing → skipped;
 * breaker open → short_circuited; held back (Retry-After) beyond the permit wait → rate_limited.
 * Otherwise the body
 * becomes the {@link SourceRequest} and the call goes on to the breaker.
 */
@Component
public class SourceGate {

    private final SourceClients clients;
    private final SourceGuards guards;
    private final SourcesProperties properties;

    public SourceGate(SourceClients clients, SourceGuards guards, SourcesProperties properties) {
        this.clients = clients;
        this.guards = guards;
        this.properties = properties;
    }

    public void admit(Exchange exchange) {
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        exchange.setProperty(Branch.ADMITTED, false);
        if (context == null || !context.asks(source)) {
            exchange.getMessage().setBody(null);
            return;
        }
        Optional<SourceResult> refused = refuse(source, context);
        if (refused.isPresent()) {
            exchange.getMessage().setBody(refused.get());
            return;
        }
        exchange.setProperty(Branch.ADMITTED, true);
        exchange.getMessage().setBody(context.requestFor(source));
    }

    private Optional<SourceResult> refuse(String source, EnrichmentContext context) {
        SourceClient client = clients.get(source);
        if (!properties.settings(source).enabled()) {
            return Optional.of(SourceResult.of(source, Outcome.SKIPPED, "disabled by configuration"));
        }
        if (!client.credentialsPresent()) {
            return Optional.of(SourceResult.of(source, Outcome.SKIPPED, "no credentials configured"));
        }
        Optional<String> stopped = guards.stoppedReason(source);
        if (stopped.isPresent()) {
            return Optional.of(SourceResult.of(source, Outcome.SKIPPED, "stopped: " + stopped.get()));
        }
        Optional<String> missing = client.missingPrerequisite(context.requestFor(source));
        if (missing.isPresent()) {
            return Optional.of(SourceResult.of(source, Outcome.SKIPPED, missing.get()));
        }
        if (guards.shortCircuited(source)) {
            return Optional.of(SourceResult.of(source, Outcome.SHORT_CIRCUITED, "circuit breaker open for " + source));
        }
        Optional<Instant> paused = guards.pausedBeyondWait(source);
        if (paused.isPresent()) {
            return Optional.of(SourceResult.of(source, Outcome.RATE_LIMITED, source + " held back until " + paused.get()
                    + ", beyond the max permit wait of " + properties.settings(source).maxPermitWait().toMillis() + " ms"));
        }
        // the permit for each request is taken where the request leaves (SourceHttp): a fetch may send
        // several, and an answer served from the cache sends none
        return Optional.empty();
    }
}
