package dev.trackenricher.source;

import java.time.Duration;
import java.util.Optional;

/**
 * The source said "too many requests" (HTTP 429/503, or an API error code meaning the same).
 * Not a failure: the breaker ignores it and the attempt is retriable.
 */
public class SourceRateLimitedException extends RuntimeException {

    private final transient Duration retryAfter;

    public SourceRateLimitedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
