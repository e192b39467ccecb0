package dev.trackenricher.batch.cycle;

import java.util.List;
import java.util.UUID;

/**
 * What a trigger asks for: these tracks ({@code trackIds}, when due), or, with none, every due
 * track; {@code limit} bounds how many tracks the request adds to a run (null: as many as it names,
 * or {@code enricher.batch.default-limit}). {@code origin} names the asker in the log.
 */
public record RunRequest(Integer limit, List<UUID> trackIds, String origin) {

    public RunRequest {
        trackIds = trackIds == null ? List.of() : List.copyOf(trackIds);
    }

    public static RunRequest dueNow(Integer limit, String origin) {
        return new RunRequest(limit, List.of(), origin);
    }

    public static RunRequest tracks(List<UUID> trackIds, String origin) {
        return new RunRequest(trackIds.size(), trackIds, origin);
    }

    boolean everyDue() {
        return trackIds.isEmpty();
    }
}
