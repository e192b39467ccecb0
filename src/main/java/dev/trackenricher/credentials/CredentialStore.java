package dev.trackenricher.credentials;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
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
 * ({@code PUT /sources/{name}/credentials}, table {@code source_credentials}, of which this class is
 * the only owner) take precedence over the configuration ({@code enricher.sources.<name>.*}, from
 * the environment). So a key is rotated without a restart: the instance that took the PUT uses the
 * new key on its next call, every other instance within {@code enricher.security.credentials-refresh}.
 * The table is read at most that often; when it cannot be read (database down) the last values read
 * stay in use.
 *
 * <p>Every value it sees, configured or stored, is given to the {@link Redactor}, so an old key
 * echoed late is still masked.
 */
@Component
public class CredentialStore {

    private static final Logger log = LoggerFactory.getLogger(CredentialStore.class);

    /** Where one credential of a source comes from now, for operators (never its value). */
    public record Origin(String name, String from, Instant updatedAt) {
    }

    private record Stored(String value, Instant updatedAt) {
    }

    private final Map<String, Credentials> configured = new HashMap<>();
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final long refreshMillis;
    private final Clock clock;
    private final Redactor redactor;
    private final ReentrantLock loading = new ReentrantLock();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, Map<String, Stored>> stored = Map.of();
    private volatile long loadedAt = Long.MIN_VALUE;
    private volatile boolean unreadableLogged;

    @Autowired
    public CredentialStore(ConfiguredCredentials configured, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                           CredentialsSettings settings, Clock clock) {
        this(configured.sources(), jdbc, new TransactionTemplate(transactions), settings.credentialsRefresh().toMillis(), clock,
                Redactor.process());
    }

    private CredentialStore(Map<String, Credentials> configured, JdbcTemplate jdbc, TransactionTemplate transactions, long refreshMillis,
                            Clock clock, Redactor redactor) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.refreshMillis = refreshMillis;
        this.clock = clock;
        this.redactor = redactor;
        configured.forEach((source, c) -> {
            this.configured.put(source, c);
            remember(c);
        });
    }

    /** Credentials from the configuration alone (no table, nothing can be set): for clients built by hand. */
    public static CredentialStore configurationOnly(Map<String, Credentials> configured) {
        return new CredentialStore(configured, null, null, 0, Clock.systemUTC(), Redactor.process());
    }

    /** The source's credentials now: each one from the table when set there, else from the configuration. */
    public Credentials of(String source) {
        Credentials configured = this.configured.getOrDefault(source, Credentials.NONE);
        Map<String, Stored> overrides = current().get(source);
        if (overrides == null || overrides.isEmpty()) {
            return configured;
        }
        return new Credentials(pick(overrides, Credentials.CLIENT_ID, configured.clientId()),
                pick(overrides, Credentials.CLIENT_SECRET, configured.clientSecret()),
                pick(overrides, Credentials.TOKEN, configured.token()), pick(overrides, Credentials.API_KEY, configured.apiKey()));
    }

    /** Whether each of these credentials of the source is set now. */
    public boolean present(String source, List<String> names) {
        return of(source).present(names);
    }

    /** Where each credential of the source comes from (never the values). */
    public List<Origin> origins(String source, List<String> names) {
        Map<String, Stored> overrides = current().getOrDefault(source, Map.of());
        Credentials configured = this.configured.getOrDefault(source, Credentials.NONE);
        List<Origin> out = new ArrayList<>();
        for (String name : names) {
            Stored s = overrides.get(name);
            if (s != null) {
                out.add(new Origin(name, "api", s.updatedAt()));
            } else {
                out.add(new Origin(name, Credentials.present(configured.get(name)) ? "configuration" : "none", null));
            }
        }
        return out;
    }

    /** Sets (or replaces) some credentials of a source, for every instance; this one uses them from its next call. */
    public void set(String source, Map<String, String> values) {
        requireTable();
        values.values().forEach(redactor::remember);
        Timestamp now = Timestamp.from(clock.instant());
        transactions.executeWithoutResult(tx -> values.forEach((name, value) -> jdbc.update("""
                INSERT INTO source_credentials (source, name, value, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (source, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at
                """, source, name, value, now)));
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

    private Map<String, Map<String, Stored>> current() {
        if (jdbc == null) {
            return Map.of();
        }
        if (due() && loading.tryLock()) {
            try {
                if (due()) {
                    load();
                }
            } finally {
                loading.unlock();
            }
        }
        return stored;
    }

    private boolean due() {
        return loadedAt == Long.MIN_VALUE || clock.millis() - loadedAt >= refreshMillis;
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
            loadedAt = clock.millis();
            return;
        }
        unreadableLogged = false;
        Map<String, Map<String, Stored>> before = stored;
        fresh.values().forEach(m -> m.values().forEach(s -> redactor.remember(s.value())));
        stored = fresh;
        loadedAt = clock.millis();
        Set<String> sources = new TreeSet<>(before.keySet());
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

    private void remember(Credentials c) {
        redactor.remember(c.token());
        redactor.remember(c.apiKey());
        redactor.rememberClient(c.clientId(), c.clientSecret());
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
