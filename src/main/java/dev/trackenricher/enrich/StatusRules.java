package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import dev.trackenricher.status.StatusDecision;
import dev.trackenricher.status.TrackStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The status rules, exactly (the README's "How a run treats a track" says them to operators):
 * found ≥ 2 → completed, 1 → partial, 0 → failed with "No metadata sources returned data";
 * retriable when any source was short-circuited or rate-limited, and then retry_count stays;
 * any other failure grows retry_count; unanswered sources make the track due again with back-off
 * until retry_count passes max-retries, and no earlier than the end of a pause of a source that was
 * rate-limited by it.
 */
public final class StatusRules {

    public static final String NO_DATA = "No metadata sources returned data";

    private final RetrySettings retry;

    public StatusRules(RetrySettings retry) {
        this.retry = retry;
    }

    /**
     * The status row one attempt leads to; its {@link StatusDecision#status()} is completed, partial or failed.
     *
     * @param effective  each source's standing outcome after this attempt (asked now, or kept)
     * @param attempted  this attempt's results
     */
    public StatusDecision decide(Map<String, Outcome> effective, Map<String, SourceResult> attempted,
                                 int previousRetryCount, Instant now) {
        return decide(effective, attempted, previousRetryCount, now, Map.of());
    }

    /**
     * The same, when some sources may not be asked again before a time (a pause: a spent quota, a
     * Retry-After): a track that waits for such a source is due no earlier than that, so it is not
     * claimed again and again while the source is paused.
     *
     * @param notBefore per source, the earliest time it may be asked again
     */
    public StatusDecision decide(Map<String, Outcome> effective, Map<String, SourceResult> attempted,
                                 int previousRetryCount, Instant now, Map<String, Instant> notBefore) {
        List<String> found = new ArrayList<>();
        effective.forEach((source, outcome) -> {
            if (outcome == Outcome.FOUND) {
                found.add(source);
            }
        });
        TrackStatus status = found.size() >= 2 ? TrackStatus.COMPLETED : found.size() == 1 ? TrackStatus.PARTIAL : TrackStatus.FAILED;

        boolean retriable = attempted.values().stream().anyMatch(r -> r.outcome().retriable());
        boolean failed = attempted.values().stream().anyMatch(r -> r.outcome() == Outcome.FAILED);
        int retryCount = previousRetryCount + (!retriable && failed ? 1 : 0);

        StringJoiner errors = new StringJoiner("; ");
        if (found.isEmpty()) {
            errors.add(NO_DATA);
        }
        attempted.values().stream()
                .filter(r -> !r.outcome().answered() && r.outcome() != Outcome.SKIPPED)
                .forEach(r -> errors.add(r.source() + " " + r.outcome().wireName() + ": " + r.error()));
        String errorMessage = errors.length() == 0 ? null : errors.toString();

        boolean unanswered = effective.values().stream()
                .anyMatch(o -> o == Outcome.FAILED || o.retriable());
        Instant next = null;
        if (unanswered && (retriable || retryCount <= retry.maxRetries())) {
            next = now.plus(retry.delayAfter(Math.max(1, retryCount)));
            for (SourceResult r : attempted.values()) {
                Instant paused = notBefore.get(r.source());
                if (r.outcome() == Outcome.RATE_LIMITED && paused != null && paused.isAfter(next)) {
                    next = paused;
                }
            }
        }
        return new StatusDecision(status, found.size(), List.copyOf(found), retriable, retryCount, errorMessage, next);
    }
}
