package dev.trackenricher.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Metrics knobs ({@code enricher.metrics.*} in batch-config/enricher.yml). */
@ConfigurationProperties("enricher.metrics")
public record MetricsSettings(
        /* the tracks-by-status gauge counts enrichment_status at most this often (a scrape reuses the last count) */
        @DefaultValue("15s") Duration trackCountsMaxAge) {
}
