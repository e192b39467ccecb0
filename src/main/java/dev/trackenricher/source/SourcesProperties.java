package dev.trackenricher.source;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Every source's config block, keyed by source name, plus what all clients share. */
@ConfigurationProperties("enricher")
public record SourcesProperties(
        Map<String, SourceSettings> sources,
        /* sent as User-Agent by every client unless a source overrides it: "<app>/<version> ( <contact> )" */
        @DefaultValue("track-enricher/0.1.0 ( https://github.com/track-enricher )") String userAgent) {

    public SourcesProperties {
        sources = sources == null ? new TreeMap<>() : new TreeMap<>(sources);
    }

    public SourceSettings settings(String source) {
        SourceSettings settings = sources.get(source);
        if (settings == null) {
            throw new IllegalStateException("no config block enricher.sources." + source);
        }
        return settings;
    }
}
