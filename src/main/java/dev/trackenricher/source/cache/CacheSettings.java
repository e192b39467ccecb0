package dev.trackenricher.source.cache;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The API response cache ({@code api_cache}). TTLs are per source ({@code enricher.sources.<name>.cache-ttl},
 * and {@code not-found-ttl} for answers that found nothing); here is what applies to all sources.
 */
@ConfigurationProperties("enricher.cache")
public record CacheSettings(
        @DefaultValue("true") boolean enabled,
        /* ask the APIs again even when a fresh answer is cached (the new answers replace the cached ones) */
        @DefaultValue("false") boolean forceRefresh,
        /* the same, for these sources only */
        List<String> forceRefreshSources,
        /* how often stored answers are written to api_cache in one batch */
        @DefaultValue("1s") java.time.Duration writeInterval,
        /* keys the in-memory filter is sized for (about 1 MB per million); more still work, with more lookups */
        @DefaultValue("1000000") int keyFilterSize,
        /* how often the filter learns the keys other instances stored */
        @DefaultValue("60s") java.time.Duration keyFilterRefresh) {

    public CacheSettings {
        forceRefreshSources = forceRefreshSources == null ? List.of() : List.copyOf(forceRefreshSources);
        writeInterval = writeInterval == null ? java.time.Duration.ofSeconds(1) : writeInterval;
        keyFilterSize = keyFilterSize <= 0 ? 1_000_000 : keyFilterSize;
        keyFilterRefresh = keyFilterRefresh == null ? java.time.Duration.ofSeconds(60) : keyFilterRefresh;
    }

    public boolean forceRefresh(String source) {
        return forceRefresh || forceRefreshSources.contains(source);
    }
}
