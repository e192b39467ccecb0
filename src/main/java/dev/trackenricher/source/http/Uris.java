package dev.trackenricher.source.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Request URIs below a source's base URL, every path segment and query value percent-encoded: the
 * JDK's form encoder writes a space as '+', which a query reads as a literal plus, and a value with
 * '&amp;', '+' or '/' must reach the API as that character.
 */
public final class Uris {

    private Uris() {
    }

    /** {@code base + path + ?query}, each query name and value percent-encoded (a space as %20). */
    public static URI of(String base, String path, Map<String, String> query) {
        StringBuilder uri = new StringBuilder(base.length() + path.length() + 64).append(base).append(path);
        char separator = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            uri.append(separator).append(encodeComponent(e.getKey())).append('=').append(encodeComponent(e.getValue()));
            separator = '&';
        }
        return URI.create(uri.toString());
    }

    /** The base URL without a trailing slash, so paths are appended as they are written. */
    public static String base(URI baseUrl) {
        String base = baseUrl.toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** One path segment or query value, percent-encoded (a space as %20, never '+'). */
    public static String encodeComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
