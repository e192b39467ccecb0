package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.status.PreviousAttempt;
import dev.trackenricher.status.TrackToEnrich;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * Decides which sources a run asks for a track: every source that has not answered yet.
 * Found data is kept; a not_found (or needs_review) is asked again only after that source's
 * not-found TTL. What a person decided (a review candidate accepted, or all rejected) is not asked
 * again; a correction's mark ({@code askAgain}) is asked whatever it stood at. A track reset by
 * reprocess --source is asked only that source this time.
 */
@Component
public class EnrichmentPlanner {

    private final SourcesProperties sources;
    private final Clock clock;

    public EnrichmentPlanner(SourcesProperties sources, Clock clock) {
        this.sources = sources;
        this.clock = clock;
    }

    /** First step of the enrich route: the body is the claimed track; sets up its shared context. */
    public void begin(Exchange exchange) throws org.apache.camel.InvalidPayloadException {
        TrackToEnrich track = exchange.getMessage().getMandatoryBody(TrackToEnrich.class);
        EnrichmentContext context = new EnrichmentContext(track, plan(track), UUID.randomUUID().toString(), clock.instant());
        exchange.setProperty(EnrichmentContext.PROPERTY, context);
        TrackLogContext.put(context);
    }

    public Set<String> plan(TrackToEnrich track) {
        Instant now = clock.instant();
        Set<String> ask = new LinkedHashSet<>();
        for (String source : sources.sources().keySet()) {
            if (!track.onlySources().isEmpty() && !track.onlySources().contains(source)) {
                continue;
            }
            PreviousAttempt previous = track.previous().get(source);
            if (previous == null || shouldAskAgain(previous, now)) {
                ask.add(source);
            }
        }
        return ask;
    }

    private boolean shouldAskAgain(PreviousAttempt previous, Instant now) {
        Outcome outcome = previous.outcome();
        if (previous.askAgain()) {
            return true;
        }
        if (outcome == Outcome.FOUND || previous.decidedByCurator()) {
            return false;
        }
        if (outcome == Outcome.NOT_FOUND || outcome == Outcome.NEEDS_REVIEW) {
            Instant askAgainAt = previous.lastAttempt().plus(sources.settings(previous.source()).notFoundTtl());
            return !now.isBefore(askAgainAt);
        }
        // failed, short_circuited, rate_limited, skipped (a prerequisite or credential may exist now)
        return true;
    }
}
