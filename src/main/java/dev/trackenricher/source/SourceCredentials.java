package dev.trackenricher.source;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The credentials each source client sends, read at every call: those set over the API
 * ({@code PUT /sources/{name}/credentials}, table {@code source_credentials}) take precedence over
 * the configuration ({@code enricher.sources.<name>.*}, from the environment). So a key is rotated
 * without a restart: the instance that took the PUT uses the new key on its next call, every other
 * instance within {@code enricher.security.credentials-refresh}. The table is read at most that
 * often; when it cannot be read (database down) the last values read stay in use.
 *
 * <p>Credential values are never logged or returned; {@link #redact} removes any that an API echoed
 * into an error text before it is logged or stored.
 */
@Component
public class SourceCredentials {

    public static final String CLIENT_ID = "client_id";
    public static final String CLIENT_SECRET = "client_secret";
    public static final String TOKEN = "token";
    public static final String API_KEY = "api_key";
    public static final List<String> NAMES = List.of(CLIENT_ID, CLIENT_SECRET, TOKEN, API_KEY);
    public static final String REDACTED = "[redacted]";
    /** Shorter values are not searched for in texts: they would match by chance. */
    private static final int MIN_REDACTED_LENGTH = 4;
    private static final Logger log = LoggerFactory.getLogger(SourceCredentials.class);

    /** One source's credentials as a client uses them. */
    public record Credentials(String clientId, String clientSecret, String token, String apiKey) {

        public String get(String name) {
            return switch (name) {
                case CLIENT_ID -> clientId;
                case CLIENT_SECRET -> clientSecret;
                case TOKEN -> token;
                case API_KEY -> apiKey;
                default -> throw new IllegalArgumentException("no credential named " + name);
            };
        }
    }

    /** Where one credential of a source comes from now, for operators (never its value). */
    public record Origin(String name, String from, Instant updatedAt) {
    }

    private record Stored(String value, Instant updatedAt) {
    }

    private final SourcesProperties properties;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Duration refresh;
    private final Clock clock;
    private final ReentrantLock loading = new ReentrantLock();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    /** Every value seen in this process, so an old key echoed late is still found. */
    private final Set<String> seenValues = ConcurrentHashMap.newKeySet();
    private volatile Map<String, Map<String, Stored>> stored = Map.of();
    private volatile Instant loadedAt = Instant.MIN;
    private volatile boolean unreadableLogged;

    @Autowired
    public SourceCredentials(SourcesProperties properties, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                             dev.trackenricher.security.SecuritySettings security, Clock clock) {
        this.properties = properties;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.refresh = security.credentialsRefresh();
        this.clock = clock;
        properties.sources().keySet().forEach(s -> remember(configured(s)));
    }

    /** Credentials from the configuration alone (no table): for clients built by hand. */
    public static SourceCredentials fromConfiguration(SourcesProperties properties) {
        return new SourceCredentials(properties);
    }

    private SourceCredentials(SourcesProperties properties) {
        this.properties = properties;
        this.jdbc = null;
        this.transactions = null;
        this.refresh = Duration.ZERO;
        this.clock = Clock.systemUTC();
        properties.sources().keySet().forEach(s -> remember(configured(s)));
    }

    /** The source's credentials now: each one from the table when set there, else from the configuration. */
    public Credentials of(String source) {
        Credentials configured = configured(source);
        Map<String, Stored> overrides = current().getOrDefault(source, Map.of());
        if (overrides.isEmpty()) {
            return configured;
        }
        return new Credentials(pick(overrides, CLIENT_ID, configured.clientId()), pick(overrides, CLIENT_SECRET, configured.clientSecret()),
                pick(overrides, TOKEN, configured.token()), pick(overrides, API_KEY, configured.apiKey()));
    }

    /** Where each credential of the source comes from (never the values). */
    public List<Origin> origins(String source, List<String> names) {
        Map<String, Stored> overrides = current().getOrDefault(source, Map.of());
        Credentials configured = configured(source);
        List<Origin> out = new ArrayList<>();
        for (String name : names) {
            Stored s = overrides.get(name);
            if (s != null) {
                out.add(new Origin(name, "api", s.updatedAt()));
            } else {
                out.add(new Origin(name, SourceSettings.present(configured.get(name)) ? "configuration" : "none", null));
            }
        }
        return out;
    }

    /** Sets (or replaces) some credentials of a source, for every instance; this one uses them from its next call. */
    public void set(String source, Map<String, String> values) {
        requireTable();
        Timestamp now = Timestamp.from(clock.instant());
        transactions.executeWithoutResult(tx -> values.forEach((name, value) -> jdbc.update("""
                INSERT INTO source_credentials (source, name, value, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (source, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """, source, name, value, now)));
        values.values().forEach(seenValues::add);
        reload();
    }

    /** Forgets the credentials set over the API: the source is back on its configuration. Returns how many were set. */
    public int clear(String source) {
        requireTable();
        int n = jdbc.update("DELETE FROM source_credentials WHERE source = ?", source);
        reload();
        return n;
    }

    /** Called with a source's name whenever its credentials changed (here or, seen at a refresh, on another instance). */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** The text with every credential value (and its URL-encoded and Spotify Basic forms) replaced by {@value #REDACTED}. */
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        List<String> values = new ArrayList<>(seenValues);
        // longest first, so a value containing another is removed whole
        values.sort(Comparator.comparingInt(String::length).reversed());
        for (String v : values) {
            out = out.replace(v, REDACTED);
        }
        return out;
    }

    /** The text with each of these values (of at least 4 characters, and their URL-encoded forms) replaced. */
    static String redact(String text, java.util.Collection<String> values) {
        if (text == null) {
            return null;
        }
        String out = text;
        List<String> all = new ArrayList<>();
        for (String v : values) {
            if (v != null && v.length() >= MIN_REDACTED_LENGTH) {
                all.add(v);
                all.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
                all.add(SourceHttp.encodeComponent(v));
            }
        }
        all.sort(Comparator.comparingInt(String::length).reversed());
        for (String v : all) {
            out = out.replace(v, REDACTED);
        }
        return out;
    }

    private Map<String, Map<String, Stored>> current() {
        if (jdbc == null) {
            return Map.of();
        }
        if (Duration.between(loadedAt, clock.instant()).compareTo(refresh) >= 0 && loading.tryLock()) {
            try {
                if (Duration.between(loadedAt, clock.instant()).compareTo(refresh) >= 0) {
                    load();
                }
            } finally {
                loading.unlock();
            }
        }
        return stored;
    }

    private void reload() {
        loading.lock();
        try {
            load();
        } finally {
            loading.unlock();
        }
    }

    private void load() {
        Map<String, Map<String, Stored>> fresh = new HashMap<>();
        try {
            jdbc.query("SELECT source, name, value, updated_at FROM source_credentials", rs -> {
                fresh.computeIfAbsent(rs.getString("source"), s -> new LinkedHashMap<>())
                        .put(rs.getString("name"), new Stored(rs.getString("value"), rs.getTimestamp("updated_at").toInstant()));
            });
        } catch (RuntimeException e) {
            if (!unreadableLogged) {
                unreadableLogged = true;
                log.warn("source credentials: table source_credentials unreadable ({}); keeping the ones read before",
                        e.getClass().getSimpleName());
            }
            loadedAt = clock.instant();
            return;
        }
        unreadableLogged = false;
        Map<String, Map<String, Stored>> before = stored;
        stored = fresh;
        loadedAt = clock.instant();
        fresh.values().forEach(m -> m.values().forEach(s -> seenValues.add(s.value())));
        fresh.values().forEach(m -> m.values().forEach(s -> derived(s.value())));
        Set<String> sources = new java.util.TreeSet<>(before.keySet());
        sources.addAll(fresh.keySet());
        for (String source : sources) {
            if (!Objects.equals(values(before.get(source)), values(fresh.get(source)))) {
                remember(of(source));
                log.info("source credentials of {} changed ({}); used from the next call", source,
                        fresh.containsKey(source) ? "set over the API: " + String.join(", ", fresh.get(source).keySet()) : "back to configuration");
                listeners.forEach(l -> l.accept(source));
            }
        }
    }

    private static Map<String, String> values(Map<String, Stored> m) {
        Map<String, String> out = new HashMap<>();
        if (m != null) {
            m.forEach((k, v) -> out.put(k, v.value()));
        }
        return out;
    }

    private Credentials configured(String source) {
        SourceSettings s = properties.settings(source);
        return new Credentials(s.clientId(), s.clientSecret(), s.token(), s.apiKey());
    }

    private void remember(Credentials c) {
        for (String name : NAMES) {
            String v = c.get(name);
            if (SourceSettings.present(v)) {
                seenValues.add(v);
                derived(v);
            }
        }
        if (SourceSettings.present(c.clientId()) && SourceSettings.present(c.clientSecret())) {
            seenValues.add(Base64.getEncoder().encodeToString((c.clientId() + ":" + c.clientSecret()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The forms a value takes in a URL, so an echoed request line is caught too. */
    private void derived(String v) {
        seenValues.add(URLEncoder.encode(v, StandardCharsets.UTF_8));
        seenValues.add(SourceHttp.encodeComponent(v));
        seenValues.removeIf(s -> s.length() < MIN_REDACTED_LENGTH);
    }

    private static String pick(Map<String, Stored> overrides, String name, String fallback) {
        Stored s = overrides.get(name);
        return s == null ? fallback : s.value();
    }

    private void requireTable() {
        if (jdbc == null) {
            throw new IllegalStateException("credentials from the configuration only: nothing to set");
        }
    }
}
