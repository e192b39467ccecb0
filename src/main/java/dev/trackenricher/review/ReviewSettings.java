package dev.trackenricher.review;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The review queue's pages ({@code enricher.review} in batch-config/enricher.yml). */
@ConfigurationProperties("enricher.review")
public record ReviewSettings(
        /* items GET /review answers without a limit */
        @DefaultValue("50") int pageSize,
        /* the most a limit may ask for */
        @DefaultValue("500") int maxPageSize) {
}
