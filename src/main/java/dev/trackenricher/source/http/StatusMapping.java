package dev.trackenricher.source.http;

import dev.trackenricher.source.Hint;
import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRateLimitedException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the HTTP statuses of one endpoint mean, declared once beside the endpoint instead of
 * checked inline: a 2xx is an answer; {@link #missing} statuses are the answer "no such thing";
 * {@link #refusing} statuses mean our credentials were refused (the source stops); 429 and 503 are
 * "too many requests" (with the answer's {@code Retry-After}, or a {@link #rateLimited default
 * wait}), or the API's own signal of a longer block ({@link #pausing}: a spent quota, a blocked key);
 * every other status fails the source for this track.
 *
 * <pre>{@code
 * static final StatusMapping RELEASE = StatusMapping.standard().missing(404)
 *         .refusing(401, "Discogs refused the token").rateLimited(429, Duration.ofSeconds(60));
 * }</pre>
 */
public final class StatusMapping {

    private enum Meaning { MISSING, REFUSED, RATE_LIMITED }

    /**
     * @param pause for a rate-limited status: reads from the answer whether the source must pause
     *              until a time (a spent quota, a blocked key); empty for an ordinary "slow down"
     */
    private record Rule(Meaning meaning, String message, Duration defaultWait, Function<HttpAnswer, Optional<Hint.PauseUntil>> pause) {
        Rule(Meaning meaning, String message, Duration defaultWait) {
            this(meaning, message, defaultWait, a -> Optional.empty());
        }
    }

    private static final StatusMapping STANDARD = new StatusMapping(Map.of(
            429, new Rule(Meaning.RATE_LIMITED, null, null),
            503, new Rule(Meaning.RATE_LIMITED, null, null)));

    private final Map<Integer, Rule> rules;

    private StatusMapping(Map<Integer, Rule> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** 2xx an answer; 429 and 503 rate-limited; anything else a failure. */
    public static StatusMapping standard() {
        return STANDARD;
    }

    /** These statuses answer "no such thing": {@link #isMissing} is true, and the answer is kept in the cache like any other. */
    public StatusMapping missing(int... statuses) {
        return with(new Rule(Meaning.MISSING, null, null), statuses);
    }

    /** These statuses mean the API refused our credentials: a {@link SourceConfigurationException} "{@code message} (HTTP n): body". */
    public StatusMapping refusing(int status, String message) {
        return with(new Rule(Meaning.REFUSED, message, null), status);
    }

    /** These statuses mean the same, for an API that uses two of them. */
    public StatusMapping refusing(int status, int other, String message) {
        return refusing(status, message).refusing(other, message);
    }

    /** This status is "too many requests"; without a {@code Retry-After} the source waits {@code defaultWait}. */
    public StatusMapping rateLimited(int status, Duration defaultWait) {
        return with(new Rule(Meaning.RATE_LIMITED, null, defaultWait), status);
    }

    /**
     * This status is "too many requests", and {@code pause} reads the API's own signal that the
     * source must not be asked until a time (Spotify's {@code QUOTA_EXCEEDED}, GetSongBPM's blocked
     * key): then the answer pauses the source until then instead of its {@code Retry-After} alone.
     */
    public StatusMapping pausing(int status, Function<HttpAnswer, Optional<Hint.PauseUntil>> pause) {
        Rule before = rules.get(status);
        Duration defaultWait = before != null && before.meaning() == Meaning.RATE_LIMITED ? before.defaultWait() : null;
        return with(new Rule(Meaning.RATE_LIMITED, null, defaultWait, pause), status);
    }

    /** The pause the answer's status and body say the source must make, if its mapping reads one (see {@link #pausing}). */
    public Optional<Hint.PauseUntil> pauseOf(HttpAnswer answer) {
        Rule rule = rules.get(answer.status());
        return rule == null || rule.meaning() != Meaning.RATE_LIMITED ? Optional.empty() : rule.pause().apply(answer);
    }

    private StatusMapping with(Rule rule, int... statuses) {
        Map<Integer, Rule> more = new HashMap<>(rules);
        for (int s : statuses) {
            more.put(s, rule);
        }
        return new StatusMapping(more);
    }

    /** Whether the answer is one of the {@link #missing} statuses. */
    public boolean isMissing(HttpAnswer answer) {
        Rule rule = rules.get(answer.status());
        return rule != null && rule.meaning() == Meaning.MISSING;
    }

    /** The answer when it is a 2xx or a missing status; else the exception its status means. */
    public HttpAnswer check(HttpAnswer answer) {
        if (answer.ok()) {
            return answer;
        }
        Rule rule = rules.get(answer.status());
        String said = "HTTP " + answer.status() + " from " + answer.source() + ": " + answer.snippet();
        if (rule == null) {
            throw new SourceFailureException(said);
        }
        return switch (rule.meaning()) {
            case MISSING -> answer;
            case REFUSED -> throw new SourceConfigurationException(rule.message() + " (HTTP " + answer.status() + "): " + answer.snippet());
            case RATE_LIMITED -> throw rule.pause().apply(answer)
                    .map(p -> new SourceRateLimitedException(said + " (" + p.reason() + ")", null, List.of(p)))
                    .orElseGet(() -> new SourceRateLimitedException(said, answer.retryAfter().orElse(rule.defaultWait())));
        };
    }
}
