package dev.trackenricher.enrich;

import dev.trackenricher.source.Outcome;
import dev.trackenricher.source.SourceResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The status rules of the specification, exactly (DESIGN.md "Status rules"):
 * found ≥ 2 → completed, 1 → partial, 0 → failed with "No metadata sources returned data";
 * retriable when any source was short-circuited or rate-limited, and then retry_count stays;
 * any other failure grows retry_count; unanswered sources make the track due again with back-off
 * until retry_count passes max-retries.
 */
public final class StatusRules {

    public static final String NO_DATA = "No metadata sources returned data";

    private final RetrySettings retry;

    public StatusRules(RetrySettings retry) {
        this.retry = retry;
    }

    /**
     * @param effective  each source's standing outcome after this attempt (asked now, or kept)
     * @param attempted  this attempt's results
     */
    public StatusDecision decide(Map<String, Outcome> effective, Map<String, SourceResult> attempted,
                                 int previousRetryCount, Instant now) {
        List<String> found = new ArrayList<>();
        effective.forEach((source, outcome) -> {
            if (outcome == Outcome.FOUND) {
                found.add(source);
            }
        });
        String status = found.size() >= 2 ? "completed" : found.size() == 1 ? "partial" : "failed";

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
        }
        return new StatusDecision(status, found.size(), List.copyOf(found), retriable, retryCount, errorMessage, next);
    }
}
