package dev.trackenricher.source.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.credentials.Redactor;
import dev.trackenricher.source.SourceFailureException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One HTTP answer of a source, read whole, with the checks every client needs. {@code fromCache}
 * says it was served from {@code api_cache} (its headers are then only the content type). The body
 * is parsed as JSON at most once, however often it is asked for.
 */
public final class HttpAnswer {

    private static final int SNIPPET = 120;
    private static final ObjectMapper PLAIN = new ObjectMapper();
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    private final String source;
    private final URI uri;
    private final int status;
    private final HttpHeaders headers;
    private final String body;
    private final boolean fromCache;
    /** The body as JSON once parsed (or the failure of parsing it). */
    private Object parsed;

    public HttpAnswer(String source, URI uri, int status, HttpHeaders headers, String body, boolean fromCache) {
        this.source = source;
        this.uri = uri;
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.fromCache = fromCache;
    }

    public HttpAnswer(String source, URI uri, int status, HttpHeaders headers, String body) {
        this(source, uri, status, headers, body, false);
    }

    public String source() {
        return source;
    }

    public URI uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public String body() {
        return body;
    }

    public boolean fromCache() {
        return fromCache;
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
            return parse(PLAIN).isContainerNode();
        } catch (SourceFailureException notJson) {
            return false;
        }
    }

    /**
     * Throws for anything but a 2xx: 429 and 503 as rate-limit signals (honouring Retry-After),
     * every other status as a failure of this source for this track ({@link StatusMapping#standard()}).
     */
    public HttpAnswer requireOk() {
        return StatusMapping.standard().check(this);
    }

    /** The body as JSON; a body that is not a JSON object or array (an HTML error page, truncated JSON) is a failure. */
    public JsonNode json(ObjectMapper mapper) {
        if (body == null || body.isBlank()) {
            throw new SourceFailureException("empty body from " + source + " (HTTP " + status + ")");
        }
        JsonNode node = parse(mapper);
        if (!(node.isObject() || node.isArray())) {
            throw new SourceFailureException("unexpected body from " + source + ": " + snippet());
        }
        return node;
    }

    private synchronized JsonNode parse(ObjectMapper mapper) {
        if (parsed == null) {
            try {
                JsonNode node = mapper.readTree(body == null ? "" : body);
                parsed = node == null ? PLAIN.missingNode() : node;
            } catch (JsonProcessingException e) {
                String type = headers.firstValue("Content-Type").orElse("unknown content type");
                parsed = new SourceFailureException("unparsable body from " + source + " (HTTP " + status + ", " + type + "): "
                        + e.getOriginalMessage() + " near: " + snippet());
            }
        }
        if (parsed instanceof SourceFailureException unparsable) {
            throw new SourceFailureException(unparsable.getMessage());
        }
        return (JsonNode) parsed;
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

    /**
     * The start of the body for error texts, on one line, with every credential masked (an API may
     * echo our request: its URL with a key in the query, its headers). Masked before it is cut, so
     * a credential is never shown in part.
     */
    public String snippet() {
        if (body == null) {
            return "";
        }
        boolean cut = body.length() > 4 * SNIPPET;
        String start = cut ? body.substring(0, 4 * SNIPPET) : body;
        // no control character (NUL, terminal escapes) from a stranger's body reaches a log or a column
        String flat = Redactor.process().redact(CONTROL.matcher(WHITESPACE.matcher(start).replaceAll(" ")).replaceAll("\uFFFD").trim());
        return flat.length() <= SNIPPET && !cut ? flat : flat.substring(0, Math.min(SNIPPET, flat.length())) + "…";
    }

    /** Never shows the query string's credentials (Last.fm and GetSongBPM take their key there). */
    @Override
    public String toString() {
        return "HttpAnswer[source=" + source + ", uri=" + Redactor.redact(uri) + ", status=" + status + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpAnswer a && status == a.status && fromCache == a.fromCache && source.equals(a.source)
                && Objects.equals(uri, a.uri) && Objects.equals(body, a.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, uri, status, body);
    }
}
