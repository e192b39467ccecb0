package dev.trackenricher.credentials;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * The one way credentials are kept out of text that leaves the service: every known credential
 * value (configured, set over the API, in this process), in the forms it takes on the wire (URL
 * encoded, HTTP Basic), and the value of every query parameter named like a credential, become
 * {@value #MASK}. Applied where a source attempt's error text is made (it is stored, shown over
 * REST and logged) and once more to every string of every JSON log line.
 *
 * <p>One instance per JVM ({@link #process()}): logging is configured once per JVM, and a second
 * application in it (a command run in the same JVM, as tests do) must not make the first one's
 * credentials maskable no more. Values are only ever added.
 */
public final class Redactor {

    public static final String MASK = "[redacted]";

    /**
     * Names that carry a secret, compared without '-' and '_' and in any case: the credential
     * settings of a source block ({@code client-id}, {@code client-secret}, {@code token},
     * {@code api-key}) and query parameters named like a credential ({@code key}, {@code access_token}, ...).
     */
    public static final Set<String> SECRET_NAMES = Set.of("clientid", "clientsecret", "token", "apikey", "key", "accesstoken", "secret",
            "password");

    /** Shorter values are not searched for: they would match ordinary words (and are no real credential). */
    static final int MIN_LENGTH = 4;

    /** A query parameter in any text: its name (group 2) decides, by {@link #SECRET_NAMES}, whether its value is masked. */
    private static final Pattern QUERY_PARAM = Pattern.compile("([?&;]([A-Za-z0-9_.-]+)=)([^&#\\s\"'<]*)");

    private static final Redactor PROCESS = new Redactor();

    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** The known values, longest first (so a value containing another is masked whole); replaced on every addition. */
    private volatile String[] longestFirst = new String[0];

    private Redactor() {
    }

    /** This JVM's redactor. */
    public static Redactor process() {
        return PROCESS;
    }

    /** A redactor of its own that knows only these values (a fixed set, or a test). */
    public static Redactor of(Collection<String> values) {
        Redactor r = new Redactor();
        values.forEach(r::remember);
        return r;
    }

    /** Whether a setting or parameter name is one of {@link #SECRET_NAMES}. */
    public static boolean isSecretName(String name) {
        return name != null && SECRET_NAMES.contains(normalized(name));
    }

    private static String normalized(String name) {
        return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Learns a credential value and its URL-encoded forms (an echoed request line carries those). */
    public void remember(String value) {
        if (value == null) {
            return;
        }
        String v = value.strip();
        if (v.length() < MIN_LENGTH) {
            return;
        }
        String form = URLEncoder.encode(v, StandardCharsets.UTF_8);
        boolean added = known.add(v) | known.add(form) | known.add(form.replace("+", "%20"));
        if (added) {
            longestFirst = known.stream().sorted(Comparator.comparingInt(String::length).reversed()).toArray(String[]::new);
        }
    }

    /** Learns a client id and secret and their HTTP Basic form ({@code base64(id:secret)}, as a token endpoint receives them). */
    public void rememberClient(String clientId, String clientSecret) {
        remember(clientId);
        remember(clientSecret);
        if (Credentials.present(clientId) && Credentials.present(clientSecret)) {
            remember(Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Learns the credential settings of every source block ({@code enricher.sources.<name>.<secret name>}) of an environment. */
    public void rememberConfigured(Environment environment) {
        Map<String, Object> blocks = Binder.get(environment)
                .bind("enricher.sources", Bindable.mapOf(String.class, Object.class))
                .orElse(Map.of());
        blocks.values().forEach(block -> {
            if (block instanceof Map<?, ?> settings) {
                Map<String, String> secrets = settings.entrySet().stream()
                        .filter(e -> isSecretName(String.valueOf(e.getKey())) && e.getValue() instanceof String)
                        .collect(Collectors.toMap(e -> normalized(String.valueOf(e.getKey())), e -> (String) e.getValue(), (a, b) -> a));
                secrets.values().forEach(this::remember);
                rememberClient(secrets.get("clientid"), secrets.get("clientsecret"));
            }
        });
    }

    /** Whether this exact value is a known credential (e.g. to keep it out of a cache key). */
    public boolean isSecret(String value) {
        return value != null && known.contains(value);
    }

    /** The text with every known credential and every credential-named query parameter's value masked. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : longestFirst) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return maskQueryParams(out);
    }

    /** Masks the values of query parameters named like credentials ({@code api_key=…}, {@code token=…}) in any text. */
    public static String maskQueryParams(String text) {
        if (text == null || text.indexOf('=') < 0) {
            return text;
        }
        Matcher m = QUERY_PARAM.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (m.find()) {
            if (isSecretName(m.group(2)) && !m.group(3).isEmpty()) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, copied, m.start(3)).append(MASK);
                copied = m.end(3);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /** A URI fit to show: its credential query parameters masked. */
    public static String redact(URI uri) {
        return uri == null ? null : maskQueryParams(uri.toString());
    }

    @Override
    public String toString() {
        return "Redactor[" + known.size() + " values]";
    }
}
