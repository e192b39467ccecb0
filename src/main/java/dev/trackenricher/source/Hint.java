package dev.trackenricher.source;

import dev.trackenricher.credentials.Redactor;
import java.time.Duration;
import java.time.Instant;

/**
 * What a source's answer says about asking it again, given back as a value on its
 * {@link SourceResult} (or on the exception a fetch throws). A source never acts on these itself:
 * the infrastructure applies them to every later request of that source, on this instance (and,
 * for a pause, through the shared rate-limit bucket on every instance). Reasons are redacted as
 * they are made: /health shows them.
 */
public sealed interface Hint {

    /**
     * The API said "too many requests" and how long to wait (429/503 with {@code Retry-After}).
     * Every request of the source is held back that long, up to the source's {@code retry-after-cap};
     * a longer wait opens its breaker instead.
     */
    record RetryAfter(Duration delay) implements Hint {
    }

    /** The API's own budget is used up until then (e.g. Discogs' moving window): every request waits until then. */
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
