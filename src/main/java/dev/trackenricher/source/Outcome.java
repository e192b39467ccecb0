package dev.trackenricher.source;

import java.util.Locale;

/** What one attempt at one source came to. */
public enum Outcome {
    /** returned data */
    FOUND,
    /** answered, but no candidate above the match threshold */
    NOT_FOUND,
    /** error: 5xx, timeout, unparsable body; counts toward the breaker */
    FAILED,
    /** the breaker was open; no call was made */
    SHORT_CIRCUITED,
    /** no permit in time, or 429/503 from the API */
    RATE_LIMITED,
    /** disabled, no credentials, or a prerequisite missing */
    SKIPPED,
    /**
     * answered with hits close enough for a person to choose from (the best just below the match
     * threshold, or two recordings scoring alike): not found yet, not a failure; a review item holds
     * the candidates
     */
    NEEDS_REVIEW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Outcome fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The source gave an answer (data, a definite "no match", or candidates for a person). */
    public boolean answered() {
        return this == FOUND || this == NOT_FOUND || this == NEEDS_REVIEW;
    }

    /** The attempt was refused for capacity, not because the source misbehaved. */
    public boolean retriable() {
        return this == SHORT_CIRCUITED || this == RATE_LIMITED;
    }
}
