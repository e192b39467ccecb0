package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceRateLimitedException;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The call inside a batch route's circuit breaker ({@code source-batch} in routes/sources.yaml):
 * the source asked about a batch of tracks ({@code SourceClient.fetchBatch}), and its fallback.
 *
 * <p>A batch is one call of the source's breaker, as one request is: a batch in which no track got
 * an answer and one failed counts as one failure (a 500 for a batch of 25 must not count 25 and
 * open the breaker at once); one in which every track was told to slow down counts as nothing, as
 * a 429 does; otherwise it is a success (a fallback search failing for one track fails that track
 * only). Each track's result is kept either way and given back by the fallback.
 */
@Component("sourceBatchCall")
public class SourceBatchCall {

    private final SourceClients clients;
    private final BranchFallback fallback;

    public SourceBatchCall(SourceClients clients, BranchFallback fallback) {
        this.clients = clients;
        this.fallback = fallback;
    }

    /** The endpoint of a source's batch route. */
    public static String endpoint(String source) {
        return "direct:batch-" + source;
    }

    @SuppressWarnings("unchecked")
    public Map<UUID, SourceResult> fetch(Exchange exchange) {
        String source = exchange.getProperty(Branch.SOURCE, String.class);
        List<SourceRequest> requests = exchange.getMessage().getBody(List.class);
        Map<UUID, SourceResult> results = clients.get(source).fetchBatch(requests);
        boolean answered = results.values().stream().anyMatch(r -> r.outcome().answered());
        if (!answered && results.values().stream().anyMatch(r -> r.outcome() == Outcome.FAILED)) {
            throw new Unanswered(source, results);
        }
        if (!answered && !results.isEmpty()) {
            throw new HeldBack(source, results);
        }
        return results;
    }

    /** onFallback: the tracks' own results when the batch was tried; else (breaker open, its timeout) each track the same. */
    @SuppressWarnings("unchecked")
    public Map<UUID, SourceResult> fallback(Exchange exchange) {
        for (Throwable t = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class); t != null; t = t.getCause()) {
            if (t instanceof Unanswered u) {
                return u.results;
            }
            if (t instanceof HeldBack h) {
                return h.results;
            }
        }
        SourceResult each = fallback.classify(exchange);
        Map<UUID, SourceResult> out = new LinkedHashMap<>();
        for (SourceRequest r : (List<SourceRequest>) exchange.getMessage().getBody(List.class)) {
            out.put(r.trackId(), each);
        }
        return out;
    }

    /** No track of the batch got an answer, and one failed: one failure of the source's breaker. */
    static final class Unanswered extends RuntimeException {
        final transient Map<UUID, SourceResult> results;

        Unanswered(String source, Map<UUID, SourceResult> results) {
            super(source + ": no track of the batch of " + results.size() + " answered: "
                    + results.values().stream().map(SourceResult::error).filter(e -> e != null).findFirst().orElse("failed"), null, false, false);
            this.results = results;
        }
    }

    /** Every track of the batch was told to slow down (or found no permit): not a failure, the breaker ignores it. */
    static final class HeldBack extends SourceRateLimitedException {
        final transient Map<UUID, SourceResult> results;

        HeldBack(String source, Map<UUID, SourceResult> results) {
            super(source + ": the batch of " + results.size() + " was held back", null);
            this.results = results;
        }
    }
}
