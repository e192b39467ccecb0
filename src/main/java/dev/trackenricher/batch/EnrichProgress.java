package dev.trackenricher.batch;

import java.time.Duration;
import java.time.LocalDateTime;
import org.springframework.batch.core.StepExecution;

/**
 * Progress of a step that knows its total (stored as {@value ClaimingTrackReader#TOTAL_KEY} in its
 * execution context): done / total, rate, ETA. Read from the job repository, so REST and logs agree.
 */
public record EnrichProgress(long done, long total, double ratePerSecond, Duration eta, Duration elapsed) {

    public static EnrichProgress of(StepExecution step, LocalDateTime now) {
        long done = step.getWriteCount() + step.getWriteSkipCount();
        long total = step.getExecutionContext().getInt(ClaimingTrackReader.TOTAL_KEY, 0);
        LocalDateTime start = step.getStartTime() == null ? now : step.getStartTime();
        LocalDateTime end = step.getEndTime() == null ? now : step.getEndTime();
        Duration elapsed = Duration.between(start, end);
        double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
        double rate = done / seconds;
        Duration eta = rate <= 0 || total <= done ? (total <= done ? Duration.ZERO : null)
                : Duration.ofMillis(Math.round((total - done) / rate * 1000));
        return new EnrichProgress(done, Math.max(total, done), rate, eta, elapsed);
    }

    public String describe() {
        return "%d/%d tracks, %.1f tracks/s, ETA %s".formatted(done, total, ratePerSecond,
                eta == null ? "unknown" : eta.toSeconds() + " s");
    }
}
