package dev.trackenricher.source;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rate-limit permits are spaced. A request leaves at least {@code 1 / rate × (1 + spacing-margin)}
 * after the previous one, so network jitter never lets two arrive closer than the API allows.
 */
@ConfigurationProperties("enricher.limits")
public record LimitSettings(@DefaultValue("0.05") double spacingMargin) {
}
