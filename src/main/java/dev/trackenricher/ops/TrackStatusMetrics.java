package dev.trackenricher.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code enrichment_tracks{status}}: how many tracks of the catalogue are in each status. One
 * {@code GROUP BY} over enrichment_status serves every status gauge, and its result is reused for
 * {@code enricher.metrics.track-counts-max-age}, so frequent scrapes of a large catalogue cost
 * one count per period. If the count fails, the last values stay.
 */
@Component
public class TrackStatusMetrics {

    private static final Logger log = LoggerFactory.getLogger(TrackStatusMetrics.class);

    public static final String NAME = "enrichment_tracks";
    /** the CHECK constraint's statuses: every one has a series, zero when no track has it */
    static final List<String> STATUSES = List.of("pending", "in_progress", "completed", "partial", "failed");

    private final JdbcTemplate jdbc;
    private final MetricsSettings settings;
    private final Clock clock;
    private Map<String, Long> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    public TrackStatusMetrics(JdbcTemplate jdbc, MetricsSettings settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        for (String status : STATUSES) {
            Gauge.builder(NAME, this, m -> m.count(status))
                    .description("Tracks of the catalogue by enrichment status")
                    .tag("status", status)
                    .strongReference(true)
                    .register(meters);
        }
    }

    double count(String status) {
        return counts().getOrDefault(status, 0L);
    }

    synchronized Map<String, Long> counts() {
        Instant now = clock.instant();
        if (countedAt.plus(settings.trackCountsMaxAge()).isAfter(now)) {
            return counts;
        }
        try {
            Map<String, Long> fresh = new HashMap<>();
            jdbc.query("SELECT status, count(*) FROM enrichment_status GROUP BY status",
                    rs -> {
                        fresh.put(rs.getString(1), rs.getLong(2));
                    });
            counts = fresh;
        } catch (RuntimeException e) {
            log.warn("could not count tracks by status for the metrics: {}", e.getMessage());
        }
        countedAt = now;
        return counts;
    }
}
