package dev.trackenricher.status;

import java.time.Instant;

/** One source's standing for a track. */
public record SourceStatusView(String outcome, String error, int attempts, Instant lastAttempt, Double confidence) {
}
