package dev.trackenricher.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One HTTP answer of a source, read whole, with the checks every client needs. {@code fromCache}
 * says it was served from {@code api_cache} (its headers are then only the content type).
 */
public record HttpAnswer(String source, URI uri, int status, HttpHeaders headers, String body, boolean fromCache) {

    private static final int SNIPPET = 120;
    private static final ObjectMapper PLAIN = new ObjectMapper();

    public HttpAnswer(String source, URI uri, int status, HttpHeaders headers, String body) {
        this(source, uri, status, headers, body, false);
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /**
     * Whether this may be kept in the cache once its fetch ended with an answer: a 2xx whose body is
     * JSON, or a 404 ("no such thing" is an answer). Never a 401/403 (about our credentials), a
     * 429/5xx, an HTML page or a truncated body.
     */
    public boolean storable() {
        if (status == 404) {
            return true;
        }
        if (!ok() || body == null || body.isBlank()) {
            return false;
        }
        try {
            JsonNode node = PLAIN.readTree(body);
            return node != null && node.isContainerNode();
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /**
     * Throws for anything but a 2xx: 429 and 503 as rate-limit signals (honouring Retry-After),
     * every other status as a failure of this source for this track.
     */
    public HttpAnswer requireOk() {
        if (ok()) {
            return this;
        }
        if (status == 429 || status == 503) {
            throw new SourceRateLimitedException("HTTP " + status + " from " + source + ": " + snippet(), retryAfter().orElse(null));
        }
        throw new SourceFailureException("HTTP " + status + " from " + source + ": " + snippet());
    }

    /** The body as JSON; a body that is not JSON (an HTML error page, truncated JSON) is a failure. */
    public JsonNode json(ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            throw new SourceFailureException("empty body from " + source + " (HTTP " + status + ")");
        }
        try {
            JsonNode node = mapper.readTree(body);
            if (node == null || !(node.isObject() || node.isArray())) {
                throw new SourceFailureException("unexpected body from " + source + ": " + snippet());
            }
            return node;
        } catch (JsonProcessingException e) {
            String type = headers.firstValue("Content-Type").orElse("unknown content type");
            throw new SourceFailureException("unparsable body from " + source + " (HTTP " + status + ", " + type + "): "
                    + e.getOriginalMessage() + " near: " + snippet());
        }
    }

    /** Retry-After in seconds or as an HTTP date, if present and readable. */
    public Optional<Duration> retryAfter() {
        return headers.firstValue("Retry-After").flatMap(HttpAnswer::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** The start of the body for error texts; an echoed request URL has its credential parameters masked. */
    public String snippet() {
        if (body == null) {
            return "";
        }
        // one line, and no control character (NUL, terminal escapes) from a stranger's body reaches a log or a column
        String flat = Secrets.maskQueryParams(body.replaceAll("\\s+", " ").replaceAll("\\p{Cc}", "\uFFFD").trim());
        return flat.length() <= SNIPPET ? flat : flat.substring(0, SNIPPET) + "…";
    }

    /** Never shows the query string's credentials (Last.fm and GetSongBPM take their key there). */
    @Override
    public String toString() {
        return "HttpAnswer[source=" + source + ", uri=" + Secrets.redact(uri) + ", status=" + status + "]";
    }
}
