package dev.trackenricher.source;

import dev.trackenricher.credentials.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The source said "too many requests" (HTTP 429/503, or an API error code meaning the same), or no
 * rate-limit permit came in time. Not a failure: the breaker ignores it and the attempt is
 * retriable. A {@code Retry-After} becomes a {@link Hint.RetryAfter}.
 */
public class SourceRateLimitedException extends RuntimeException {

    private final transient Duration retryAfter;
    private final transient List<Hint> more;

    public SourceRateLimitedException(String message, Duration retryAfter) {
        this(message, retryAfter, List.of());
    }

    /** @param more further hints (e.g. {@link Hint.PauseUntil} when the API's own budget is used up) */
    public SourceRateLimitedException(String message, Duration retryAfter, List<Hint> more) {
        // redacted as it is made, like a failure's
        super(Redactor.process().redact(message));
        this.retryAfter = retryAfter;
        this.more = List.copyOf(more);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public List<Hint> hints() {
        List<Hint> hints = new ArrayList<>(1);
        retryAfter().ifPresent(wait -> hints.add(Hint.retryAfter(wait)));
        hints.addAll(more);
        return hints;
    }
}
