package dev.trackenricher.ops;

import dev.trackenricher.source.SourcesProperties;
import dev.trackenricher.source.limits.RateLimits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code enrichment_source_paused{api}}: 1 while the source is paused (a spent quota, a Retry-After,
 * a blocked key, a used-up budget; /health says until when and why), else 0. Read at each scrape from
 * what this instance knows (pauses set by another instance within {@code enricher.limits.pause-refresh}).
 */
@Component
public class SourcePauseMetrics {

    public static final String NAME = "enrichment_source_paused";

    public SourcePauseMetrics(RateLimits limits, SourcesProperties sources, MeterRegistry meters) {
        for (String source : sources.sources().keySet()) {
            Gauge.builder(NAME, limits, l -> l.pause(source).isPresent() ? 1 : 0)
                    .description("1 while the source is paused (until the time /health shows), else 0")
                    .tag("api", source)
                    .strongReference(true)
                    .register(meters);
        }
    }
}
