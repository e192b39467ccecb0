package dev.trackenricher.source.discogs;

import org.springframework.boot.context.properties.bind.DefaultValue;

/** Discogs's own settings in its block ({@code enricher.sources.discogs.*}). */
public record DiscogsOptions(
        /* releases whose tracklist is read for one track at most: the earliest plausible one lacking it, the next is tried */
        @DefaultValue("3") int maxReleases) {

    public DiscogsOptions {
        if (maxReleases < 1) {
            throw new IllegalArgumentException("enricher.sources.discogs.max-releases must be at least 1, is " + maxReleases);
        }
    }
}
