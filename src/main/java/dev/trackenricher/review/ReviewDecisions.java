package dev.trackenricher.review;

import dev.trackenricher.api.ApiException;
import dev.trackenricher.credentials.CredentialStore;
import dev.trackenricher.curation.HistoryEntry;
import dev.trackenricher.curation.TrackHistory;
import dev.trackenricher.enrich.EnrichmentAssembler;
import dev.trackenricher.enrich.SourceHints;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.ReviewCandidate;
import dev.trackenricher.source.SourceClient;
import dev.trackenricher.source.SourceClients;
import dev.trackenricher.source.SourceRequest;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.HeldTrack;
import dev.trackenricher.status.PreviousAttempt;
import dev.trackenricher.status.TrackStatusRepository;
import dev.trackenricher.status.TrackStatusView;
import dev.trackenricher.status.TrackToEnrich;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A person's decision of an open review item. Accepting a candidate asks its source for that id's
 * full data (outside any transaction: an API may take its timeout), then, in one transaction with
 * the item and the track held, merges it like any answer (found, confidence 1.0, provenance
 * curator), applies the status rules, makes the sources that run after it due again (AcousticBrainz
 * after a MusicBrainz recording), closes the item and keeps the decision in the track's history.
 * Rejecting makes the source not_found for the track (provenance curator: not asked again until a
 * reset). An enrich run never asks the source again for a track whose match a person accepted.
 */
@Component
public class ReviewDecisions {

    /** What a decision did: the item as decided, and the track's status now. */
    public record Decision(ReviewItem item, TrackStatusView status) {
    }

    private final ReviewItems items;
    private final TrackStatusRepository statuses;
    private final EnrichmentAssembler assembler;
    private final SourceClients clients;
    private final SourcesProperties sources;
    private final CredentialStore credentials;
    private final SourceHints hints;
    private final TrackHistory history;
    private final Clock clock;
    private final TransactionTemplate transaction;

    public ReviewDecisions(ReviewItems items, TrackStatusRepository statuses, EnrichmentAssembler assembler, SourceClients clients,
                           SourcesProperties sources, CredentialStore credentials, SourceHints hints, TrackHistory history, Clock clock,
                           PlatformTransactionManager transactions) {
        this.items = items;
        this.statuses = statuses;
        this.assembler = assembler;
        this.clients = clients;
        this.sources = sources;
        this.credentials = credentials;
        this.hints = hints;
        this.history = history;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    public Decision accept(UUID itemId, String candidateId, String who) {
        ReviewItem item = open(items.find(itemId), itemId);
        ReviewCandidate candidate = item.candidates().stream().filter(c -> c.id().equals(candidateId)).findFirst()
                .orElseThrow(() -> ApiException.badRequest("candidate: \"" + shorten(candidateId) + "\" is not one of this item's candidates ("
                        + String.join(", ", item.candidates().stream().map(ReviewCandidate::id).toList()) + ")"));
        SourceResult data = lookUp(item, candidate);
        return transaction.execute(tx -> {
            ReviewItem current = open(items.findForUpdate(itemId), itemId);
            HeldTrack held = hold(current.trackId());
            Instant now = clock.instant();
            EnrichmentResult result = assembler.decided(held.track(), data.withConfidence(1.0), PreviousAttempt.CURATOR);
            statuses.saveDecided(result);
            // what runs after this source asked it for an id it may not have had (AcousticBrainz: the recording's MBID)
            statuses.askAgain(current.trackId(), clients.followers(current.source()));
            items.decide(itemId, ReviewItem.ACCEPTED, candidate.id(), who, now);
            history.record(current.trackId(), new HistoryEntry(now, who, field(current), HistoryEntry.ACCEPTED,
                    Outcome.NEEDS_REVIEW.wireName(), candidate.id()));
            return new Decision(items.find(itemId).orElseThrow(), statuses.find(current.trackId()).orElseThrow());
        });
    }

    public Decision reject(UUID itemId, String who) {
        return transaction.execute(tx -> {
            ReviewItem item = open(items.findForUpdate(itemId), itemId);
            HeldTrack held = hold(item.trackId());
            Instant now = clock.instant();
            SourceResult none = SourceResult.notFound(item.source(), "rejected by a curator (" + who + "): none of the candidates is the track");
            statuses.saveDecided(assembler.decided(held.track(), none, PreviousAttempt.CURATOR));
            items.decide(itemId, ReviewItem.REJECTED, null, who, now);
            history.record(item.trackId(), new HistoryEntry(now, who, field(item), HistoryEntry.REJECTED, Outcome.NEEDS_REVIEW.wireName(),
                    Outcome.NOT_FOUND.wireName()));
            return new Decision(items.find(itemId).orElseThrow(), statuses.find(item.trackId()).orElseThrow());
        });
    }

    /** The candidate's full data from its source: found, or an answer saying why not (the item stays open). */
    private SourceResult lookUp(ReviewItem item, ReviewCandidate candidate) {
        String source = item.source();
        if (!clients.exists(source)) {
            throw new ApiException(409, source + " is no source of this service any more; the item cannot be accepted", List.of());
        }
        SourceClient client = clients.get(source);
        if (!sources.settings(source).enabled() || !credentials.present(source, client.credentialNames())) {
            throw new ApiException(409, source + " is disabled or has no credentials: it cannot look candidate " + candidate.id()
                    + " up; the item stays open", List.of());
        }
        SourceRequest request = request(item);
        Optional<SourceResult> answer;
        try {
            answer = client.lookupById(candidate.id(), request);
        } catch (RuntimeException e) {
            SourceResult failed = SourceResult.failed(source, e);
            hints.apply(failed);
            int status = failed.outcome() == Outcome.RATE_LIMITED ? 503 : 502;
            throw new ApiException(status, source + " did not answer the lookup of candidate " + candidate.id() + " ("
                    + failed.outcome().wireName() + ": " + failed.error() + "); the item stays open, try again", List.of());
        }
        if (answer.isEmpty()) {
            throw new ApiException(409, source + " cannot look a candidate up by its id; the item stays open", List.of());
        }
        hints.apply(answer.get());
        if (answer.get().outcome() != Outcome.FOUND) {
            throw new ApiException(502, source + " has no data for candidate " + candidate.id() + " (" + answer.get().error()
                    + "); the item stays open", List.of());
        }
        return answer.get();
    }

    private SourceRequest request(ReviewItem item) {
        TrackToEnrich t = transaction.execute(tx -> hold(item.trackId()).track());
        return new SourceRequest(t.trackId(), t.artistName(), t.title(), t.isrc(), t.spotifyId(), t.durationMs(), null,
                UUID.randomUUID().toString());
    }

    private ReviewItem open(Optional<ReviewItem> found, UUID itemId) {
        ReviewItem item = found.orElseThrow(() -> ApiException.notFound("no review item " + itemId));
        if (!item.open()) {
            String by = item.decidedBy() == null ? "" : " by " + item.decidedBy();
            throw new ApiException(409, "review item " + itemId + " is " + item.state() + " already" + by
                    + (item.decidedAt() == null ? "" : " at " + item.decidedAt()) + "; a decided item is not reopened", List.of());
        }
        return item;
    }

    private HeldTrack hold(UUID trackId) {
        HeldTrack held = statuses.holdForCuration(trackId).orElseThrow(() -> ApiException.notFound("no track " + trackId));
        if (held.beingEnriched()) {
            throw new ApiException(409, "track " + trackId + " is being enriched right now; nothing was changed, try again when its run "
                    + "has written it", List.of());
        }
        return held;
    }

    private static String field(ReviewItem item) {
        return "review." + item.source();
    }

    private static String shorten(String v) {
        return v == null ? "null" : v.length() <= 60 ? v : v.substring(0, 60) + "…";
    }
}
