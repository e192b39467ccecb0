package dev.trackenricher.review;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.status.EnrichmentResult;
import dev.trackenricher.status.SourceAttempt;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What an enrich run's written results mean for the queue, in the chunk's transaction: each
 * needs_review attempt opens its track and source's item (or refreshes its candidates); a source
 * that has since found the track, or found nothing near it, closes that item (superseded).
 */
@Component
public class ReviewQueue {

    private final ReviewItems items;

    public ReviewQueue(ReviewItems items) {
        this.items = items;
    }

    public void record(List<? extends EnrichmentResult> written) {
        List<ReviewItems.Opening> openings = new ArrayList<>();
        List<Map.Entry<UUID, String>> answered = new ArrayList<>();
        for (EnrichmentResult r : written) {
            for (SourceAttempt a : r.attempts()) {
                if (a.outcome() == Outcome.NEEDS_REVIEW && !a.candidates().isEmpty()) {
                    openings.add(new ReviewItems.Opening(r.trackId(), a.source(), a.error(), a.candidates()));
                } else if (a.outcome() == Outcome.FOUND || a.outcome() == Outcome.NOT_FOUND) {
                    answered.add(new AbstractMap.SimpleImmutableEntry<>(r.trackId(), a.source()));
                }
            }
        }
        items.supersede(answered);
        items.open(openings);
    }
}
