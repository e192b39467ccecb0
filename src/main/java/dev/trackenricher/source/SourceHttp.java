package dev.trackenricher.source;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The HTTP side of one source: base URL, User-Agent, explicit timeouts, proper query encoding,
 * a rate-limit permit for every request that leaves, the response cache, and the api_calls /
 * api_response_time metrics. Clients build paths and read answers.
 *
 * <p>The permit is taken per request, not per track: a fetch may need several requests (an ISRC
 * lookup, then a search), each of which counts against the API's limit, and an answer served from
 * the cache needs none.
 */
public class SourceHttp {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SourceHttp.class);

    /** Query parameters that carry credentials; never part of a cache key. */
    private static final Set<String> CREDENTIAL_PARAMS = Set.of("api_key", "apikey", "key", "token", "access_token", "secret",
            "client_secret", "client_id");

    private final String source;
    private final SourceSettings settings;
    private final String userAgent;
    private final HttpClient client;
    private final MeterRegistry meters;
    private final Timer responseTime;
    private final SourceGuards guards;
    private final ApiCache cache;
    private final SourceCredentials credentials;
    private final long maxAnswerBytes;
    private final ThreadLocal<List<Fresh>> session = new ThreadLocal<>();
    private final Secrets secrets;
    /** How much of one answer is read at most, unless configured ({@code enricher.limits.max-answer-size}). */
    public static final long DEFAULT_MAX_ANSWER_BYTES = 8L * 1024 * 1024;

    /**
     * @param guards the source's rate limiter; null for no limit
     * @param cache  the response cache; null for none
     */
    public SourceHttp(String source, SourceSettings settings, String userAgent, MeterRegistry meters, SourceGuards guards, ApiCache cache) {
        this(source, settings, userAgent, meters, guards, cache, null);
    }

    /** @param credentials where the source's credentials are read at each call; null: its configuration */
    public SourceHttp(String source, SourceSettings settings, String userAgent, MeterRegistry meters, SourceGuards guards, ApiCache cache,
                      SourceCredentials credentials) {
        this(source, settings, userAgent, meters, guards, cache, credentials, DEFAULT_MAX_ANSWER_BYTES);
    }

    /** @param maxAnswerBytes an answer longer than this fails the request (a runaway or hostile server) */
    public SourceHttp(String source, SourceSettings settings, String userAgent, MeterRegistry meters, SourceGuards guards, ApiCache cache,
                      SourceCredentials credentials, long maxAnswerBytes) {
        this.credentials = credentials;
        this.maxAnswerBytes = maxAnswerBytes;
        this.source = source;
        this.settings = settings;
        this.userAgent = userAgent;
        this.meters = meters;
        this.guards = guards;
        this.cache = cache;
        this.secrets = Secrets.of(java.util.Arrays.asList(settings.apiKey(), settings.token(), settings.clientSecret()));
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.responseTime = Timer.builder("api_response_time")
                .description("Response time of the source APIs")
                .tag("api", source)
                .publishPercentileHistogram()
                .register(meters);
    }

    public String source() {
        return source;
    }

    public SourceSettings settings() {
        return settings;
    }

    /** The source's credentials now (set over the API, else configured): read at every call, so a rotation needs no restart. */
    public SourceCredentials.Credentials credentials() {
        if (credentials == null) {
            return new SourceCredentials.Credentials(settings.clientId(), settings.clientSecret(), settings.token(), settings.apiKey());
        }
        return credentials.of(source);
    }

    /** {@code base-url + path + ?query}, each query value percent-encoded (a space as %20). */
    public URI uri(String path, Map<String, String> query) {
        String q = encode(query);
        return URI.create(base() + path + (q.isEmpty() ? "" : "?" + q));
    }

    private String base() {
        String base = settings.baseUrl().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public static String encode(Map<String, String> query) {
        StringJoiner joined = new StringJoiner("&");
        query.forEach((k, v) -> joined.add(encodeComponent(k) + "=" + encodeComponent(v)));
        return joined.toString();
    }

    /** URLEncoder is form encoding: it turns spaces into '+', which a query would read as a literal plus. */
    public static String encodeComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("User-Agent", userAgent)
                .header("Accept", "application/json");
    }

    /**
     * Runs one fetch of this source. Inside it, every GET is first looked up in the cache; when the
     * fetch ends with an answer (found / not_found), the API answers it received are stored, found
     * for {@code cache-ttl}, not_found for {@code not-found-ttl} at most. A fetch that throws stores
     * nothing: a failure is never cached.
     */
    public SourceResult answering(Supplier<SourceResult> fetch) {
        if (session.get() != null) {
            return fetch.get();
        }
        List<Fresh> received = new ArrayList<>();
        session.set(received);
        SourceResult result;
        try {
            result = fetch.get();
        } catch (RuntimeException e) {
            throw documented(e);
        } finally {
            session.remove();
        }
        if (cache != null && result != null && result.outcome().answered()) {
            Duration ttl = result.outcome() == Outcome.FOUND ? settings.cacheTtl() : min(settings.cacheTtl(), settings.notFoundTtl());
            received.forEach(f -> cache.store(source, f.key, f.entry, ttl));
        }
        return result;
    }

    /** A GET: from the cache when inside {@link #answering} and a fresh answer is stored, else from the API. */
    public HttpAnswer get(URI uri, Map<String, String> headers) {
        List<Fresh> received = session.get();
        String key = received == null || cache == null ? null : cacheKey(uri);
        if (key != null) {
            Optional<ApiCache.Entry> cached = cache.lookup(source, key);
            if (cached.isPresent()) {
                ApiCache.Entry e = cached.get();
                Map<String, List<String>> h = e.contentType() == null ? Map.of() : Map.of("Content-Type", List.of(e.contentType()));
                return new HttpAnswer(source, uri, e.status(), HttpHeaders.of(h, (a, b) -> true), e.body(), true);
            }
        }
        HttpRequest.Builder builder = request(uri).GET();
        headers.forEach(builder::header);
        HttpAnswer answer = send(builder.build());
        if (key != null && answer.storable()) {
            received.add(new Fresh(key, new ApiCache.Entry(answer.status(),
                    answer.headers().firstValue("Content-Type").orElse(null), answer.body())));
        }
        return answer;
    }

    /**
     * The cache key of a request: its path and query below the base URL, without credentials
     * (neither the parameters named like one nor any value equal to a configured credential).
     */
    public String cacheKey(URI uri) {
        String full = uri.toString();
        String base = base();
        String rest = full.startsWith(base) ? full.substring(base.length()) : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        int q = rest.indexOf('?');
        if (q < 0) {
            return rest;
        }
        StringJoiner kept = new StringJoiner("&");
        for (String pair : rest.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (!CREDENTIAL_PARAMS.contains(name) && !isCredential(value)) {
                kept.add(pair);
            }
        }
        return rest.substring(0, q) + (kept.length() == 0 ? "" : "?" + kept);
    }

    private boolean isCredential(String value) {
        if (value.isEmpty()) {
            return false;
        }
        SourceCredentials.Credentials now = credentials();
        return value.equals(now.apiKey()) || value.equals(now.token()) || value.equals(now.clientSecret()) || value.equals(now.clientId())
                || value.equals(settings.apiKey()) || value.equals(settings.token())
                || value.equals(settings.clientSecret()) || value.equals(settings.clientId());
    }

    /** Sends once a rate-limit permit is granted; no permit within max-permit-wait makes it rate-limited. */
    public HttpAnswer send(HttpRequest request) {
        if (guards != null) {
            boolean permitted;
            try {
                permitted = guards.acquirePermit(source);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailureException(source + " call interrupted while waiting for a rate-limit permit");
            } catch (RuntimeException limiterUnreachable) {
                // the limit is kept in PostgreSQL for every instance: without it no request may leave, and
                // that is no fault of the API (retriable, not counted by its breaker)
                throw new SourceRateLimitedException("no rate-limit permit for " + source + ": the shared limiter is unreachable ("
                        + limiterUnreachable.getClass().getSimpleName() + ")", null);
            }
            if (!permitted) {
                throw new SourceRateLimitedException("no rate-limit permit for " + source + " within "
                        + settings.maxPermitWait().toMillis() + " ms", null);
            }
            // when each permit was granted, to check the limiter across instances (DEBUG: off unless asked for)
            log.debug("{}: rate-limit permit granted", source);
            try {
                guards.pace(source);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceFailureException(source + " call interrupted while pacing its requests");
            }
            long start = System.nanoTime();
            try {
                return sendWithoutPermit(request);
            } finally {
                guards.sent(source, start, System.nanoTime() - start);
            }
        }
        return sendWithoutPermit(request);
    }

    /**
     * Sends and reads the whole answer within the source's timeout, without a rate-limit permit (for
     * endpoints outside the API's limit, such as Spotify's token endpoint). The JDK client's own
     * request timeout stops at the headers; a server trickling its body is bounded here.
     */
    public HttpAnswer sendWithoutPermit(HttpRequest request) {
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, BoundedBody.upTo(maxAnswerBytes));
        try {
            HttpResponse<String> response = future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            count(String.valueOf(response.statusCode()));
            return new HttpAnswer(source, request.uri(), response.statusCode(), response.headers(), response.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            count("timeout");
            throw new SourceFailureException(source + " did not answer within " + settings.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            count("interrupted");
            throw new SourceFailureException(source + " call interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof java.net.http.HttpTimeoutException) {
                // the JDK client's own timeout (the same bound, seen from its side): one message for one event
                count("timeout");
                throw new SourceFailureException(source + " did not answer within " + settings.timeout().toMillis() + " ms");
            }
            count("error");
            if (cause instanceof SourceFailureException tooLarge) {
                throw new SourceFailureException(source + " " + tooLarge.getMessage());
            }
            String kind = cause instanceof IOException ? "I/O error" : cause.getClass().getSimpleName();
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : secrets.scrub(cause.getMessage());
            throw new SourceFailureException(source + " " + kind + ": " + message, cause);
        } finally {
            responseTime.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * What a fetch may throw ({@link SourceClient}): the documented exceptions, their messages
     * without any credential an API echoed back (the breaker, its debug log and the stored error
     * all see this text), and anything else a hostile answer provoked in a client's mapping as a
     * failure of this source rather than a bug escaping into the fan-out.
     */
    RuntimeException documented(RuntimeException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String clean = redact(message);
        RuntimeException out;
        if (e instanceof SourceRateLimitedException limited) {
            if (clean.equals(message)) {
                return e;
            }
            out = new SourceRateLimitedException(clean, limited.retryAfter().orElse(null));
        } else if (e instanceof SourceConfigurationException) {
            if (clean.equals(message)) {
                return e;
            }
            out = new SourceConfigurationException(clean);
        } else if (e instanceof SourceFailureException) {
            if (clean.equals(message)) {
                return e;
            }
            out = new SourceFailureException(clean);
        } else {
            out = new SourceFailureException(source + ": unexpected " + e.getClass().getSimpleName() + (clean.isEmpty() ? "" : ": " + clean));
        }
        // the original's trace without the original (whose message may hold the credential)
        out.setStackTrace(e.getStackTrace());
        return out;
    }

    /** The text without the source's credentials (those in use and those configured). */
    String redact(String text) {
        if (credentials != null) {
            return credentials.redact(text);
        }
        return SourceCredentials.redact(text, java.util.Arrays.asList(settings.clientId(), settings.clientSecret(), settings.token(),
                settings.apiKey()));
    }

    private void count(String status) {
        Counter.builder("api_calls")
                .description("Calls to the source APIs by HTTP status (or timeout / error)")
                .tag("api", source)
                .tag("status", status)
                .register(meters)
                .increment();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private record Fresh(String key, ApiCache.Entry entry) {
    }
}
