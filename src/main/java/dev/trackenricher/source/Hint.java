package dev.trackenricher.source;

import dev.trackenricher.credentials.Redactor;
import java.time.Duration;
import java.time.Instant;

/**
 * What a source's answer says about asking it again, given back as a value on its
 * {@link SourceResult} (or on the exception a fetch throws). A source never acts on these itself:
 * the infrastructure applies them to every later request of that source, on this instance (and,
 * for a pause, on every instance: pauses are stored in PostgreSQL). A pause also tells the status
 * rules when the track may be asked again. Reasons are redacted as they are made: /health shows them.
 */
public sealed interface Hint {

    /**
     * The API said "too many requests" and how long to wait (429/503 with {@code Retry-After}).
     * The source is paused that long, on every instance; a wait above its {@code retry-after-cap} is
     * said at WARN (a spent quota, most likely). No request, not even a trial, leaves meanwhile.
     */
    record RetryAfter(Duration delay) implements Hint {
    }

    /**
     * The source may not be asked until then: the API's own budget is used up (Discogs' moving
     * window), its quota is spent (Spotify's {@code QUOTA_EXCEEDED}, Last.fm's error 29), it blocked
     * the key (GetSongBPM), or the source's own budget is spent. Every request waits until then, or
     * does not leave at all.
     */
    record PauseUntil(Instant until, String reason) implements Hint {
        public PauseUntil {
            reason = Redactor.process().redact(reason);
        }
    }

    /**
     * An optional feature of the source is refused (e.g. Spotify's audio features, HTTP 403): it is
     * switched off until an operator resets the source; {@link SourceRequest#featureOff} tells the
     * source.
     */
    record FeatureOff(String feature, String reason) implements Hint {
        public FeatureOff {
            reason = Redactor.process().redact(reason);
        }
    }

    /**
     * The API refused our configuration (an invalid or suspended key): asking again cannot help, so
     * the source is stopped until its credentials change or an operator resets it.
     */
    record Stop(String reason) implements Hint {
        public Stop {
            reason = Redactor.process().redact(reason);
        }
    }

    static Hint retryAfter(Duration wait) {
        return new RetryAfter(wait);
    }

    static Hint pauseFor(Duration pause, String reason) {
        return new PauseUntil(Instant.now().plus(pause), reason);
    }

    static Hint featureOff(String feature, String reason) {
        return new FeatureOff(feature, reason);
    }

    static Hint stop(String reason) {
        return new Stop(reason);
    }
}
