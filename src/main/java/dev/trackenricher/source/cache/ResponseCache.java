package dev.trackenricher.source.cache;

import dev.trackenricher.credentials.Redactor;
import dev.trackenricher.source.http.HttpAnswer;
import dev.trackenricher.source.http.Transport;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The response cache of one source, as a decorator of its transport. Each fetch (of one track, or
 * of a batch of tracks in one request) opens a {@link Session}: inside it every GET is first looked
 * up in {@code api_cache}; the answers that came from the API are kept only when the session is
 * {@link Session#keep kept}, i.e. the fetch ended with an answer (found / not_found). A fetch that
 * failed keeps nothing: a failure is never cached. A request serving many tracks is one answer,
 * stored once.
 */
public final class ResponseCache {

    private final String source;
    private final String base;
    private final ApiCache cache;
    private final Redactor redactor;
    private final Transport next;

    public ResponseCache(String source, String base, ApiCache cache, Redactor redactor, Transport next) {
        this.source = source;
        this.base = base;
        this.cache = cache;
        this.redactor = redactor;
        this.next = next;
    }

    /** A session for one fetch. */
    public Session open() {
        return new Session();
    }

    /** The requests of one fetch; not shared between threads. */
    public final class Session implements Transport {

        private final List<Fresh> received = new ArrayList<>(2);

        private Session() {
        }

        /** A GET from the cache when a fresh answer is stored, else from the API; anything else straight to the API. */
        @Override
        public HttpAnswer send(HttpRequest request) {
            if (!cache.enabled() || !"GET".equals(request.method())) {
                return next.send(request);
            }
            URI uri = request.uri();
            String key = cacheKey(uri);
            Optional<ApiCache.Entry> cached = cache.lookup(source, key);
            if (cached.isPresent()) {
                ApiCache.Entry e = cached.get();
                Map<String, List<String>> h = e.contentType() == null ? Map.of() : Map.of("Content-Type", List.of(e.contentType()));
                return new HttpAnswer(source, uri, e.status(), HttpHeaders.of(h, (a, b) -> true), e.body(), true);
            }
            HttpAnswer answer = next.send(request);
            received.add(new Fresh(key, answer));
            return answer;
        }

        /** A GET answered from the cache only: empty when no fresh answer is stored (nothing is sent). */
        public Optional<HttpAnswer> cached(HttpRequest request) {
            if (!cache.enabled() || !"GET".equals(request.method())) {
                return Optional.empty();
            }
            URI uri = request.uri();
            return cache.lookup(source, cacheKey(uri)).map(e -> {
                Map<String, List<String>> h = e.contentType() == null ? Map.of() : Map.of("Content-Type", List.of(e.contentType()));
                return new HttpAnswer(source, uri, e.status(), HttpHeaders.of(h, (a, b) -> true), e.body(), true);
            });
        }

        /** The fetch ended with an answer: keep what the API said for {@code ttl} (answers that may be kept only). */
        public void keep(Duration ttl) {
            for (Fresh f : received) {
                if (f.answer.storable()) {
                    cache.store(source, f.key, new ApiCache.Entry(f.answer.status(),
                            f.answer.headers().firstValue("Content-Type").orElse(null), f.answer.body()), ttl);
                }
            }
            received.clear();
        }
    }

    private record Fresh(String key, HttpAnswer answer) {
    }

    /**
     * The cache key of a request: its path and query below the base URL, without credentials
     * (neither the parameters named like one nor any value equal to a known credential).
     */
    public String cacheKey(URI uri) {
        String full = uri.toString();
        String rest = full.startsWith(base) ? full.substring(base.length())
                : uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        int q = rest.indexOf('?');
        if (q < 0) {
            return rest;
        }
        StringBuilder kept = new StringBuilder(rest.length()).append(rest, 0, q);
        char separator = '?';
        int from = q + 1;
        while (from <= rest.length()) {
            int end = rest.indexOf('&', from);
            if (end < 0) {
                end = rest.length();
            }
            if (end > from) {
                int eq = rest.indexOf('=', from);
                boolean hasValue = eq >= 0 && eq < end;
                String name = decode(rest.substring(from, hasValue ? eq : end));
                String value = hasValue ? decode(rest.substring(eq + 1, end)) : "";
                if (!Redactor.isSecretName(name) && !(value.length() > 0 && redactor.isSecret(value))) {
                    kept.append(separator).append(rest, from, end);
                    separator = '&';
                }
            }
            from = end + 1;
        }
        return kept.toString();
    }

    private static String decode(String part) {
        return part.indexOf('%') < 0 && part.indexOf('+') < 0 ? part : URLDecoder.decode(part, StandardCharsets.UTF_8);
    }
}
