package dev.trackenricher.ops;

import dev.trackenricher.status.TrackStatus;
import dev.trackenricher.status.TrackStatusRepository;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code enrichment_tracks{status}}: how many tracks of the catalogue are in each status. One count
 * by status ({@link TrackStatusRepository#countByStatus()}) serves every status gauge, and its result
 * is reused for {@code enricher.metrics.track-counts-max-age}, so frequent scrapes of a large
 * catalogue cost one count per period. If the count fails, the last values stay.
 */
@Component
public class TrackStatusMetrics {

    private static final Logger log = LoggerFactory.getLogger(TrackStatusMetrics.class);

    public static final String NAME = "enrichment_tracks";

    private final TrackStatusRepository statuses;
    private final MetricsSettings settings;
    private final Clock clock;
    private Map<TrackStatus, Long> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    public TrackStatusMetrics(TrackStatusRepository statuses, MetricsSettings settings, Clock clock, MeterRegistry meters) {
        this.statuses = statuses;
        this.settings = settings;
        this.clock = clock;
        // every status has a series, zero when no track has it
        for (TrackStatus status : TrackStatus.values()) {
            Gauge.builder(NAME, this, m -> m.count(status))
                    .description("Tracks of the catalogue by enrichment status")
                    .tag("status", status.wireName())
                    .strongReference(true)
                    .register(meters);
        }
    }

    double count(TrackStatus status) {
        return counts().getOrDefault(status, 0L);
    }

    synchronized Map<TrackStatus, Long> counts() {
        Instant now = clock.instant();
        if (countedAt.plus(settings.trackCountsMaxAge()).isAfter(now)) {
            return counts;
        }
        try {
            counts = statuses.countByStatus();
        } catch (RuntimeException e) {
            log.warn("could not count tracks by status for the metrics: {}", e.getMessage());
        }
        countedAt = now;
        return counts;
    }
}
