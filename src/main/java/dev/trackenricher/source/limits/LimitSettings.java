package dev.trackenricher.source.limits;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How rate-limit permits are spaced, and how pauses are kept.
 *
 * <p>A request leaves at least {@code 1 / rate × (1 + spacing-margin)} after the previous one. For most
 * sources that is the spacing of the permits (a shared bucket): what reaches the API can be closer by
 * the time between a permit and its arrival, which the margin absorbs. The sources named in
 * {@code strict-spacing} (an API whose window holds a single request: MusicBrainz) send one request at
 * a time across all instances, the next only that long after the previous one's answer came back: two
 * of their requests never reach the API closer than the spacing, whatever the host's load, at the
 * cost of the answer's latency per request.
 *
 * @param spacingMargin   every source's margin, unless {@code perSourceMargin} names it
 * @param perSourceMargin a source's own margin
 * @param strictSpacing   the sources spaced from the previous answer (one request at a time)
 * @param pauseRefresh    how often an instance reads the pauses other instances set or lifted
 * @param maxPause        the longest pause an answer can cause (a garbage Retry-After never silences a source for years)
 */
@ConfigurationProperties("enricher.limits")
public record LimitSettings(@DefaultValue("0.05") double spacingMargin, Map<String, Double> perSourceMargin,
                            Set<String> strictSpacing, @DefaultValue("1s") Duration pauseRefresh,
                            @DefaultValue("48h") Duration maxPause) {

    public LimitSettings {
        perSourceMargin = perSourceMargin == null ? Map.of() : Map.copyOf(perSourceMargin);
        strictSpacing = strictSpacing == null ? Set.of() : Set.copyOf(strictSpacing);
        pauseRefresh = pauseRefresh == null ? Duration.ofSeconds(1) : pauseRefresh;
        maxPause = maxPause == null ? Duration.ofHours(48) : maxPause;
    }

    /** Margins only, no strictly spaced source, the default refresh and longest pause (clients built by hand in tests). */
    public static LimitSettings margins(double spacingMargin, Map<String, Double> perSourceMargin) {
        return new LimitSettings(spacingMargin, perSourceMargin, Set.of(), null, null);
    }

    public double marginFor(String source) {
        return perSourceMargin.getOrDefault(source, spacingMargin);
    }

    public boolean strict(String source) {
        return strictSpacing.contains(source);
    }
}
