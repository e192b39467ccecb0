package dev.trackenricher.source.spotify;

import org.springframework.boot.context.properties.bind.DefaultValue;

/** Spotify's own settings in its block ({@code enricher.sources.spotify.*}). */
public record SpotifyOptions(
        /* GET /audio-features (tempo, key): closed to new apps since 2024-11-27 (HTTP 403) */
        @DefaultValue("false") boolean audioFeatures) {
}
