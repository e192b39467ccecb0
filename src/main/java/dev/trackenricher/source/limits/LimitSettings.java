package dev.trackenricher.source.limits;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rate-limit permits are spaced. A request leaves at least {@code 1 / rate × (1 + spacing-margin)}
 * after the previous one, so jitter never lets two arrive closer than the API allows. An API whose
 * window holds a single request (MusicBrainz: 1 per second) has no slack to absorb jitter, so it
 * can have a wider margin of its own ({@code per-source-margin.<source>}).
 */
@ConfigurationProperties("enricher.limits")
public record LimitSettings(@DefaultValue("0.05") double spacingMargin, Map<String, Double> perSourceMargin) {

    public LimitSettings {
        perSourceMargin = perSourceMargin == null ? Map.of() : Map.copyOf(perSourceMargin);
    }

    public double marginFor(String source) {
        return perSourceMargin.getOrDefault(source, spacingMargin);
    }
}
