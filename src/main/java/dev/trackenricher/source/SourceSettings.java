package dev.trackenricher.source;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One config block per source ({@code enricher.sources.<name>.*}): what every source has (base
 * URL, timeouts, limits, breaker, cache TTLs). The credentials in the block are bound by the
 * credentials package ({@code dev.trackenricher.credentials.ConfiguredCredentials}); a source's own
 * settings (such as Spotify's {@code audio-features}) by the source, into a record of its own.
 */
public record SourceSettings(
        @DefaultValue("true") boolean enabled,
        URI baseUrl,
        /* whole HTTP exchange, headers and body */
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("3s") Duration connectTimeout,
        @DefaultValue("1") double rateLimitPerSecond,
        /* waiting longer than this for a permit makes the attempt rate_limited */
        @DefaultValue("5s") Duration maxPermitWait,
        /* a Retry-After above this is a long pause (a spent quota, most likely): said at WARN; either way the source pauses until then */
        @DefaultValue("120s") Duration retryAfterCap,
        @DefaultValue BreakerSettings breaker,
        @DefaultValue("30d") Duration cacheTtl,
        /* a not_found answer is asked again only after this */
        @DefaultValue("30d") Duration notFoundTtl,
        @DefaultValue("10") int searchLimit,
        String userAgent,
        URI tokenUrl) {

    public SourceSettings {
        if (breaker == null) {
            breaker = BreakerSettings.defaults();
        }
    }
}
