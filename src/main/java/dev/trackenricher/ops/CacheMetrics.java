package dev.trackenricher.ops;

import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.cache.ApiCache;
import org.springframework.stereotype.Component;

/**
 * Registers {@code enrichment_cache_hits_total} / {@code enrichment_cache_misses_total} with
 * {@code cache_type=<source>} at zero for every source at start-up, so dashboards and alerts find
 * the series before the first lookup. The response cache owns the counters; this only names the sources.
 */
@Component
public class CacheMetrics {

    public CacheMetrics(SourcesProperties sources, ApiCache cache) {
        sources.sources().keySet().forEach(cache::registerCounters);
    }
}
