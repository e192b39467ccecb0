package dev.trackenricher.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which failed or partial tracks a reset takes ({@link TrackStatusRepository#selectForReset}),
 * oldest last attempt first. Every criterion left null (or empty) takes any track.
 *
 * @param withinDays       last attempt within this many days of the database's now
 * @param from             last attempt at or after this moment
 * @param until            last attempt before this moment
 * @param trackIds         only these tracks
 * @param retriable        only retriable ones (true) or only the others (false)
 * @param notAnsweredBy    only tracks where this source's last outcome was not an answer
 * @param limit            at most this many tracks
 */
public record ResetSelection(Integer withinDays, Instant from, Instant until, List<UUID> trackIds, Boolean retriable,
                             String notAnsweredBy, int limit) {

    public ResetSelection {
        trackIds = trackIds == null ? List.of() : List.copyOf(trackIds);
    }
}
