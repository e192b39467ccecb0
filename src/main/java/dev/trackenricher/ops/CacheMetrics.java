package dev.trackenricher.ops;

import dev.trackenricher.source.SourcesProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Registers {@code enrichment_cache_hits_total} / {@code enrichment_cache_misses_total} with
 * {@code cache_type=<source>} at zero for every source at start-up, so dashboards and alerts find
 * the series before the first lookup. The response cache increments the same counters (same name
 * and tag key: Micrometer hands back the meter registered here).
 */
@Component
public class CacheMetrics {

    public static final String HITS = "enrichment_cache_hits";
    public static final String MISSES = "enrichment_cache_misses";
    public static final String CACHE_TYPE = "cache_type";

    public CacheMetrics(SourcesProperties sources, MeterRegistry meters) {
        for (String source : sources.sources().keySet()) {
            Counter.builder(HITS).description("Response cache hits").tag(CACHE_TYPE, source).register(meters);
            Counter.builder(MISSES).description("Response cache misses").tag(CACHE_TYPE, source).register(meters);
        }
    }
}
