package dev.trackenricher.status;

import java.time.Instant;

/** One source's standing for a track; {@code provenance} {@value PreviousAttempt#CURATOR} when a person decided it. */
public record SourceStatusView(String outcome, String error, int attempts, Instant lastAttempt, Double confidence, String provenance) {
}
