package dev.trackenricher.source.limits;

import java.time.Instant;

/** A source paused until {@code until}, why, and since when: what /health shows and an operator lifts. */
public record SourcePause(String source, Instant until, String reason, Instant since) {

    public boolean activeAt(Instant now) {
        return until.isAfter(now);
    }
}
