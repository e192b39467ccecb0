package dev.trackenricher.status;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A track a reset takes, as it stood before the reset, with the sources that did not answer it. */
public record ResetCandidate(UUID trackId, String artistName, String title, TrackStatus status, int retryCount, Instant lastAttempt,
                             boolean isRetriable, String errorMessage, List<FailingSource> failingSources) {

    public ResetCandidate {
        failingSources = failingSources == null ? List.of() : List.copyOf(failingSources);
    }

    ResetCandidate withFailingSources(List<FailingSource> sources) {
        return new ResetCandidate(trackId, artistName, title, status, retryCount, lastAttempt, isRetriable, errorMessage, sources);
    }

    /** A source that did not answer this track the last time it was asked ({@code outcome} as stored: failed, rate_limited, …). */
    public record FailingSource(String source, String outcome, String error, Instant lastAttempt) {
    }
}
