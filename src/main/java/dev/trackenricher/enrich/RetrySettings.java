package dev.trackenricher.enrich;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a track that still has unanswered sources is due again: after {@code base-delay × 2^(retries-1)},
 * capped at {@code max-delay}; no longer automatically once its retry_count exceeds {@code max-retries}.
 */
@ConfigurationProperties("enricher.retry")
public record RetrySettings(
        @DefaultValue("5") int maxRetries,
        @DefaultValue("5m") Duration baseDelay,
        @DefaultValue("24h") Duration maxDelay) {

    public Duration delayAfter(int retryCount) {
        int exponent = Math.max(0, Math.min(retryCount - 1, 30));
        Duration delay = baseDelay.multipliedBy(1L << exponent);
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
