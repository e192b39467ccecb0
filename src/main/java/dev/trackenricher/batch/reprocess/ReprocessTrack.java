package dev.trackenricher.batch.reprocess;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A track a reprocess run takes, as it stood before the reset. */
public record ReprocessTrack(UUID trackId, String artistName, String title, String status, int retryCount, Instant lastAttempt,
                             boolean isRetriable, String errorMessage, List<FailingSource> failingSources) {

    public ReprocessTrack {
        failingSources = failingSources == null ? List.of() : List.copyOf(failingSources);
    }

    ReprocessTrack withFailingSources(List<FailingSource> sources) {
        return new ReprocessTrack(trackId, artistName, title, status, retryCount, lastAttempt, isRetriable, errorMessage, sources);
    }

    /** A source that did not answer this track the last time it was asked. */
    public record FailingSource(String source, String outcome, String error, Instant lastAttempt) {
    }
}
