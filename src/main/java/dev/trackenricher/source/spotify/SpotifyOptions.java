package dev.trackenricher.source.spotify;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Spotify's own settings in its block ({@code enricher.sources.spotify.*}). */
public record SpotifyOptions(
        /* GET /audio-features (tempo, key): closed to new apps since 2024-11-27 (HTTP 403) */
        @DefaultValue("false") boolean audioFeatures,
        /* a spent quota (429 QUOTA_EXCEEDED) pauses Spotify for its Retry-After; this long if the answer names none */
        @DefaultValue("1h") Duration quotaPause) {
}
