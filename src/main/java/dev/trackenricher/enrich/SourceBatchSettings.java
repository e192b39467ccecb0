package dev.trackenricher.enrich;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * How a source with a batch form collects the tracks in flight into one request
 * ({@code enricher.sources.<name>.batch}): at most {@code size} tracks a request (and no more than
 * the API takes); a batch leaves when it is full, or {@code wait} after one of its tracks has
 * nothing else left to wait for (its other sources have answered; key {@code wait}), and never later than
 * {@code max-wait} after its oldest track joined. {@code size} 1 (the default) asks each track on
 * its own.
 */
public record SourceBatchSettings(
        @DefaultValue("1") int size,
        /* the key is "wait" (a record component cannot be named so: Object.wait) */
        @Name("wait") @DefaultValue("250ms") Duration idleWait,
        @DefaultValue("15s") Duration maxWait) {

    public SourceBatchSettings {
        if (size < 1) {
            throw new IllegalArgumentException("batch.size must be 1 or more, not " + size);
        }
        if (idleWait == null || idleWait.isNegative()) {
            throw new IllegalArgumentException("batch.wait must be zero or more, not " + idleWait);
        }
        if (maxWait == null || maxWait.compareTo(idleWait) < 0) {
            throw new IllegalArgumentException("batch.max-wait must be at least batch.wait (" + idleWait + "), not " + maxWait);
        }
    }

    /** Each track on its own. */
    public static SourceBatchSettings off() {
        return new SourceBatchSettings(1, Duration.ofMillis(250), Duration.ofSeconds(15));
    }
}
