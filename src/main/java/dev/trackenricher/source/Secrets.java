package dev.trackenricher.source;

import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The sources' credentials (API keys, tokens, client secrets) and how to keep them out of text
 * that leaves the service: error texts (stored, shown over REST, logged) and log lines. Last.fm and
 * GetSongBPM take their key in the query string, so any URI or error page that echoes a request
 * could carry it.
 */
public final class Secrets {

    public static final String MASK = "***";

    /** Credential settings of a source block ({@code enricher.sources.<name>.<key>}), compared without '-' and '_'. */
    static final Set<String> CREDENTIAL_KEYS = Set.of("apikey", "token", "clientsecret");

    /** Values this short are not masked: they would mangle ordinary words (and are no real credential). */
    private static final int MIN_LENGTH = 6;

    /** Query parameters whose values are masked in any URI we show, whatever their value. */
    private static final Pattern SECRET_QUERY_PARAM = Pattern.compile(
            "(?i)([?&](?:api_key|apikey|key|token|access_token|client_secret|secret|password)=)[^&#\\s\"']*");

    private static final Secrets NONE = new Secrets(List.of());

    private final List<String> values;

    private Secrets(Collection<String> values) {
        // longest first, so a secret containing another is masked whole
        this.values = values.stream()
                .filter(v -> v != null && v.strip().length() >= MIN_LENGTH)
                .map(String::strip)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    public static Secrets none() {
        return NONE;
    }

    public static Secrets of(Collection<String> values) {
        return new Secrets(values);
    }

    /** The credentials of every configured source. */
    public static Secrets of(SourcesProperties properties) {
        return new Secrets(properties.sources().values().stream()
                .flatMap(s -> Stream.of(s.apiKey(), s.token(), s.clientSecret()))
                .toList());
    }

    /** The same, read straight from the environment (for the log formatter, which exists before any bean). */
    public static Secrets of(Environment environment) {
        Map<String, Map<String, Object>> blocks = Binder.get(environment)
                .bind("enricher.sources", Bindable.mapOf(String.class, Object.class))
                .map(Secrets::blocks)
                .orElse(Map.of());
        Set<String> found = new TreeSet<>();
        blocks.values().forEach(block -> block.forEach((key, value) -> {
            String normalized = key.replace("-", "").replace("_", "").toLowerCase(java.util.Locale.ROOT);
            if (CREDENTIAL_KEYS.contains(normalized) && value instanceof String s) {
                found.add(s);
            }
        }));
        return new Secrets(found);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> blocks(Map<String, Object> raw) {
        Map<String, Map<String, Object>> blocks = new java.util.LinkedHashMap<>();
        raw.forEach((name, block) -> {
            if (block instanceof Map<?, ?> m) {
                blocks.put(name, (Map<String, Object>) m);
            }
        });
        return blocks;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The credentials themselves (to combine sets; never to show). */
    public Set<String> values() {
        return Set.copyOf(values);
    }

    /** The text with every credential and every secret-looking query parameter value masked. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : values) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return maskQueryParams(out);
    }

    /** Masks the values of query parameters named like credentials (api_key=…, token=…) in any text. */
    public static String maskQueryParams(String text) {
        if (text == null || text.indexOf('=') < 0) {
            return text;
        }
        Matcher m = SECRET_QUERY_PARAM.matcher(text);
        return m.find() ? m.replaceAll("$1" + Matcher.quoteReplacement(MASK)) : text;
    }

    /** A URI fit to show: its credential query parameters masked. */
    public static String redact(URI uri) {
        return uri == null ? null : maskQueryParams(uri.toString());
    }
}
