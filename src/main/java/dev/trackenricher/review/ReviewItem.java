package dev.trackenricher.review;

import dev.trackenricher.source.ReviewCandidate;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One undecided search of a track by a source, waiting for a person (or decided by one): the
 * track's artist and title, why no candidate was taken, the candidates best first, and once
 * decided when, by whom and which candidate was accepted.
 */
public record ReviewItem(
        UUID id,
        UUID trackId,
        String artistName,
        String title,
        String source,
        String state,
        String why,
        List<ReviewCandidate> candidates,
        Instant createdAt,
        Instant updatedAt,
        Instant decidedAt,
        String decidedBy,
        String acceptedCandidate) {

    public static final String OPEN = "open";
    public static final String ACCEPTED = "accepted";
    public static final String REJECTED = "rejected";
    /** The source decided by itself later (found, or a plain not_found): nothing left to review. */
    public static final String SUPERSEDED = "superseded";
    public static final List<String> STATES = List.of(OPEN, ACCEPTED, REJECTED, SUPERSEDED);

    public ReviewItem {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }

    public boolean open() {
        return OPEN.equals(state);
    }
}
