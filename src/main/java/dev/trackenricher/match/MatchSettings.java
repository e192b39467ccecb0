package dev.trackenricher.match;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** How sure a text search must be before its best candidate is taken (prefer no data to wrong data). */
@ConfigurationProperties("enricher.match")
public record MatchSettings(
        /* lowest accepted score, 0..1 */
        @DefaultValue("0.85") double threshold,
        /* the best must beat the best different candidate by this much */
        @DefaultValue("0.05") double margin,
        /* durations further apart than this (when both are known) are different recordings */
        @DefaultValue("15s") Duration durationTolerance,
        /* weight of the title in the score; the artist gets the rest */
        @DefaultValue("0.6") double titleWeight,
        /* a best hit below the threshold but at least this close is shown to a person instead of thrown away */
        @DefaultValue("0.7") double reviewFloor) {

    public static MatchSettings defaults() {
        return new MatchSettings(0.85, 0.05, Duration.ofSeconds(15), 0.6, 0.7);
    }
}
