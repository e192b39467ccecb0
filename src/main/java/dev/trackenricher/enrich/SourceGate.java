package dev.trackenricher.enrich;

import dev.trackenricher.credentials.CredentialStore;
import dev.trackenricher.source.Hint;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.breaker.SourceBreakers;
import dev.trackenricher.source.breaker.SourceStops;
import dev.trackenricher.source.limits.RateLimits;
import dev.trackenricher.source.limits.SourcePause;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The first step of a source branch: decides whether this track's call to this source happens.
 * Not planned → nothing; disabled, no credentials, stopped or prerequisite missing → skipped;
 * paused (Retry-After, a spent quota, the API's own budget or the source's) beyond the permit wait →
 * rate_limited, carrying the pause's end (before the breaker, which a pause leaves alone); breaker
 * open → short_circuited. Otherwise the body becomes the {@link SourceRequest} (with the source's
 * switched-off features) and the call goes on to the breaker.
 */
@Component
public class SourceGate {

    private static final Logger log = LoggerFactory.getLogger(SourceGate.class);

    private final SourceClients clients;
    private final SourceBreakers breakers;
    private final SourceStops stops;
    private final RateLimits limits;
    private final CredentialStore credentials;
    private final SourcesProperties properties;

    public SourceGate(SourceClients clients, SourceBreakers breakers, SourceStops stops, RateLimits limits, CredentialStore credentials,
                      SourcesProperties properties) {
        this.clients = clients;
        this.breakers = breakers;
        this.stops = stops;
        this.limits = limits;
        this.credentials = credentials;
        this.properties = properties;
        // said once at start-up, not for every track
        clients.all().forEach(c -> {
            if (!properties.settings(c.name()).enabled()) {
                log.info("{}: disabled by configuration; its attempts are recorded as skipped", c.name());
            } else if (!credentials.present(c.name(), c.credentialNames())) {
                log.warn("{}: no credentials configured (enricher.sources.{}.*); its attempts are recorded as skipped", c.name(), c.name());
            }
        });
    }

    public void admit(Exchange exchange) {
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        EnrichmentContext context = exchange.getProperty(EnrichmentContext.PROPERTY, EnrichmentContext.class);
        exchange.setProperty(Branch.ADMITTED, false);
        if (context == null || !context.asks(source)) {
            exchange.getMessage().setBody(null);
            return;
        }
        SourceRequest request = context.requestFor(source);
        Optional<SourceResult> refused = refuse(source, request);
        if (refused.isPresent()) {
            exchange.getMessage().setBody(refused.get());
            return;
        }
        exchange.setProperty(Branch.ADMITTED, true);
        exchange.getMessage().setBody(request.withFeaturesOff(stops.featureNamesOff(source)));
    }

    private Optional<SourceResult> refuse(String source, SourceRequest request) {
        SourceClient client = clients.get(source);
        if (!properties.settings(source).enabled()) {
            return Optional.of(SourceResult.of(source, Outcome.SKIPPED, "disabled by configuration"));
        }
        if (!credentials.present(source, client.credentialNames())) {
            return Optional.of(SourceResult.of(source, Outcome.SKIPPED, "no credentials configured"));
        }
        Optional<String> stopped = stops.stoppedReason(source);
        if (stopped.isPresent()) {
            return Optional.of(SourceResult.of(source, Outcome.SKIPPED, "stopped: " + stopped.get()));
        }
        Optional<String> missing = client.missingPrerequisite(request);
        if (missing.isPresent()) {
            return Optional.of(SourceResult.of(source, Outcome.SKIPPED, missing.get()));
        }
        // paused (a spent quota, a Retry-After, a used-up budget): no request, not even a trial; the pause rides on the
        // result so the track is not due again before it ends
        Optional<SourcePause> paused = limits.pausedBeyondWait(source);
        if (paused.isPresent()) {
            SourcePause p = paused.get();
            return Optional.of(SourceResult.of(source, Outcome.RATE_LIMITED, source + " held back until " + p.until() + " (" + p.reason()
                    + "), beyond the max permit wait of " + properties.settings(source).maxPermitWait().toMillis() + " ms")
                    .with(new Hint.PauseUntil(p.until(), p.reason())));
        }
        // after the pause: a paused source is not asked, so its breaker neither half-opens nor probes meanwhile
        if (breakers.shortCircuited(source)) {
            return Optional.of(SourceResult.of(source, Outcome.SHORT_CIRCUITED, "circuit breaker open for " + source));
        }
        // the permit for each request is taken where the request leaves (the source's transport): a fetch may send
        // several, a batch request serving many tracks one, and an answer served from the cache none
        return Optional.empty();
    }
}
