package dev.trackenricher.ops;

import dev.trackenricher.review.ReviewItem;
import dev.trackenricher.review.ReviewItems;
import dev.trackenricher.source.SourcesProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code enrichment_review_items{source,state}}: the review queue by source and state (open,
 * accepted, rejected, superseded), a series for every configured source and state from start-up on.
 * One count by source and state serves every series, reused for {@code enricher.metrics.track-counts-max-age}
 * like the tracks-by-status gauge; if the count fails, the last values stay.
 */
@Component
public class ReviewItemMetrics {

    private static final Logger log = LoggerFactory.getLogger(ReviewItemMetrics.class);

    public static final String NAME = "enrichment_review_items";

    private final ReviewItems items;
    private final MetricsSettings settings;
    private final Clock clock;
    private Map<String, Map<String, Long>> counts = Map.of();
    private Instant countedAt = Instant.MIN;

    public ReviewItemMetrics(ReviewItems items, SourcesProperties sources, MetricsSettings settings, Clock clock, MeterRegistry meters) {
        this.items = items;
        this.settings = settings;
        this.clock = clock;
        for (String source : sources.sources().keySet()) {
            for (String state : ReviewItem.STATES) {
                Gauge.builder(NAME, this, m -> m.count(source, state))
                        .description("Review items (undecided matches for a person) by source and state")
                        .tag("source", source)
                        .tag("state", state)
                        .strongReference(true)
                        .register(meters);
            }
        }
    }

    double count(String source, String state) {
        return counts().getOrDefault(source, Map.of()).getOrDefault(state, 0L);
    }

    synchronized Map<String, Map<String, Long>> counts() {
        Instant now = clock.instant();
        if (countedAt.plus(settings.trackCountsMaxAge()).isAfter(now)) {
            return counts;
        }
        try {
            counts = items.countBySourceAndState();
        } catch (RuntimeException e) {
            log.warn("could not count review items for the metrics: {}", e.getMessage());
        }
        countedAt = now;
        return counts;
    }
}
