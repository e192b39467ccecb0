package dev.trackenricher.enrich;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import dev.trackenricher.source.Outcome;
import org.springframework.stereotype.Component;

/**
 * Each source's most recent failure (failed or rate_limited attempt): what, when, for which track's
 * correlation id. In memory, per instance: it answers "why is this source unhappy right now" in
 * GET /health; the history is in enrichment_source_status and the log.
 */
@Component
public class LastSourceErrors {

    /** One remembered failure. */
    public record LastError(String outcome, String message, Instant at, String correlationId) {
    }

    private final Map<String, LastError> bySource = new ConcurrentHashMap<>();
    private final Clock clock;

    public LastSourceErrors(Clock clock) {
        this.clock = clock;
    }

    public void note(String source, Outcome outcome, String message, String correlationId) {
        bySource.put(source, new LastError(outcome.wireName(), message, clock.instant(), correlationId));
    }

    public Optional<LastError> last(String source) {
        return Optional.ofNullable(bySource.get(source));
    }
}
