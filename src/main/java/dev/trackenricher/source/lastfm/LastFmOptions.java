package dev.trackenricher.source.lastfm;

import java.time.Duration;

/**
 * Last.fm's own settings in its block ({@code enricher.sources.lastfm.*}).
 *
 * @param rateLimitPause how long Last.fm is paused after its error 29 ("rate limit exceeded"), which
 *                       names no time of its own
 */
public record LastFmOptions(Duration rateLimitPause) {

    static final Duration DEFAULT_RATE_LIMIT_PAUSE = Duration.ofSeconds(60);

    public LastFmOptions {
        if (rateLimitPause == null) {
            rateLimitPause = DEFAULT_RATE_LIMIT_PAUSE;
        }
        if (rateLimitPause.isNegative()) {
            throw new IllegalArgumentException("enricher.sources.lastfm.rate-limit-pause must not be negative: " + rateLimitPause);
        }
    }
}
