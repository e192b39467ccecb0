package dev.trackenricher.source.http;

import dev.trackenricher.source.SourceConfigurationException;
import dev.trackenricher.source.SourceFailureException;
import dev.trackenricher.source.SourceRateLimitedException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the HTTP statuses of one endpoint mean, declared once beside the endpoint instead of
 * checked inline: a 2xx is an answer; {@link #missing} statuses are the answer "no such thing";
 * {@link #refusing} statuses mean our credentials were refused (the source stops); 429 and 503 are
 * "too many requests" (with the answer's {@code Retry-After}, or a {@link #rateLimited default
 * wait}); every other status fails the source for this track.
 *
 * <pre>{@code
 * static final StatusMapping RELEASE = StatusMapping.standard().missing(404)
 *         .refusing(401, "Discogs refused the token").rateLimited(429, Duration.ofSeconds(60));
 * }</pre>
 */
public final class StatusMapping {

    private enum Meaning { MISSING, REFUSED, RATE_LIMITED }

    private record Rule(Meaning meaning, String message, Duration defaultWait) {
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
            case RATE_LIMITED -> throw new SourceRateLimitedException(said, answer.retryAfter().orElse(rule.defaultWait()));
        };
    }
}
