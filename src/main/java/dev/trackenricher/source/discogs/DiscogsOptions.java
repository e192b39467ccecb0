package dev.trackenricher.source.discogs;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Discogs's own settings in its block ({@code enricher.sources.discogs.*}). */
public record DiscogsOptions(
        /* releases whose tracklist is read for one track at most: the earliest plausible one lacking it, the next is tried */
        @DefaultValue("3") int maxReleases,
        /* releases this process remembers by artist after reading them (their bodies stay in the response cache), so an album's other tracks need no request */
        @DefaultValue("200") int recentReleases,
        /* how long a track waits for a lookup of the same artist in flight (whose release may hold it too) before asking on its own */
        @DefaultValue("10s") Duration artistWait) {

    public DiscogsOptions {
        if (maxReleases < 1) {
            throw new IllegalArgumentException("enricher.sources.discogs.max-releases must be at least 1, is " + maxReleases);
        }
        if (recentReleases < 0) {
            throw new IllegalArgumentException("enricher.sources.discogs.recent-releases must be 0 or more, not " + recentReleases);
        }
        if (artistWait == null || artistWait.isNegative()) {
            throw new IllegalArgumentException("enricher.sources.discogs.artist-wait must be 0 or more");
        }
    }
}
