package dev.trackenricher.ops;

import dev.trackenricher.status.EnrichmentResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What each written track came to: {@code enrichment_track_results_total{status}} (completed /
 * partial / failed per run) and {@code enrichment_sources_per_track} (how many sources found it),
 * a histogram with one bucket per possible count. Bucket bounds must be positive, so the bucket
 * for "no source" is {@code le="0.5"}; the others are {@code le="1"} … {@code le="6"}.
 */
@Component
public class TrackResultMetrics {

    public static final String RESULTS = "enrichment_track_results";
    public static final String SOURCES_PER_TRACK = "enrichment_sources_per_track";

    private final MeterRegistry meters;
    private final DistributionSummary sourcesPerTrack;

    public TrackResultMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.sourcesPerTrack = DistributionSummary.builder(SOURCES_PER_TRACK)
                .description("Sources that found a track, per written enrichment result")
                .serviceLevelObjectives(0.5, 1, 2, 3, 4, 5, 6)
                .register(meters);
    }

    public void record(EnrichmentResult result) {
        Counter.builder(RESULTS)
                .description("Enrichment results written, by the track's resulting status")
                .tag("status", result.decision().status().wireName())
                .register(meters)
                .increment();
        sourcesPerTrack.record(result.decision().sourcesEnriched());
    }
}
