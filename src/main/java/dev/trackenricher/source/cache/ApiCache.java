package dev.trackenricher.source.cache;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * API answers kept in PostgreSQL ({@code api_cache}), keyed by source and request (the request's
 * path and query, credentials removed). Only answers are stored: the caller stores what a fetch
 * received once that fetch ended found / not_found, never what a failed fetch saw. Hits and misses
 * are counted as {@code enrichment_cache_hits} / {@code enrichment_cache_misses} by {@code cache_type}
 * (the source).
 */
@Component
public class ApiCache {

    public static final String HITS = "enrichment_cache_hits";
    public static final String MISSES = "enrichment_cache_misses";

    private static final Logger log = LoggerFactory.getLogger(ApiCache.class);

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final CacheSettings settings;
    private final Clock clock;
    /** Answers stored but not yet written: a lookup sees them; a flush writes them in one batch. */
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;
    /** The keys the table holds (as far as this instance knows); until first loaded, every lookup asks the table. */
    private final CachedKeys known;
    private volatile boolean knownLoaded;
    private volatile Instant knownUpTo = Instant.EPOCH;
    private volatile boolean unreachable;

    public ApiCache(JdbcTemplate jdbc, ObjectMapper json, MeterRegistry meters, CacheSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.meters = meters;
        this.settings = settings;
        this.clock = clock;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "api-cache-writer");
            t.setDaemon(true);
            return t;
        });
        long every = settings.writeInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flushQuietly, every, every, TimeUnit.MILLISECONDS);
        this.known = new CachedKeys(settings.keyFilterSize(), KEY_FILTER_FALSE_POSITIVES);
        if (settings.enabled()) {
            // the first load runs beside start-up; later ones pick up what other instances stored
            flusher.scheduleWithFixedDelay(this::loadKnownKeysQuietly, 0, settings.keyFilterRefresh().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A false "maybe" only costs the lookup; 1% of them is a small price for a filter of ~1 MB per million keys. */
    private static final double KEY_FILTER_FALSE_POSITIVES = 0.01;
    /** How far back a refresh looks before the last one's newest row: rows other instances wrote meanwhile, clocks that differ. */
    private static final Duration KEY_FILTER_OVERLAP = Duration.ofMinutes(5);

    /** Adds the keys stored since the last load (all of them, the first time) to the filter. */
    void loadKnownKeys() {
        Instant from = knownUpTo.equals(Instant.EPOCH) ? Instant.EPOCH : knownUpTo.minus(KEY_FILTER_OVERLAP);
        Instant[] newest = {knownUpTo};
        jdbc.query("SELECT source, cache_key, fetched_at FROM api_cache WHERE expires_at > now() AND fetched_at >= ?", rs -> {
            known.add(rs.getString(1), rs.getString(2));
            Instant fetched = rs.getTimestamp(3).toInstant();
            if (fetched.isAfter(newest[0])) {
                newest[0] = fetched;
            }
        }, Timestamp.from(from));
        knownUpTo = newest[0].equals(Instant.EPOCH) ? clock.instant() : newest[0];
        knownLoaded = true;
    }

    private void loadKnownKeysQuietly() {
        try {
            loadKnownKeys();
        } catch (RuntimeException e) {
            log.warn("could not read the response cache's keys (every lookup asks the table meanwhile): {}", e.getMessage());
        }
    }

    /** An answer stored but not written yet: kept as it is, made JSON only when written (by the writer thread, off the request's path). */
    private record Pending(String source, String key, Entry entry, Instant fetchedAt, Instant expiresAt) {
    }

    /** One stored answer: what the API said, as it said it. */
    public record Entry(int status, String contentType, String body) {
    }

    public boolean enabled() {
        return settings.enabled();
    }

    /** A fresh stored answer, unless the cache is off or force-refresh applies. Counts a hit or a miss. */
    public Optional<Entry> lookup(String source, String key) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        Optional<Entry> found = Optional.empty();
        Pending unwritten = pending.get(source + '\u0000' + key);
        if (!settings.forceRefresh(source) && unwritten != null && unwritten.expiresAt().isAfter(clock.instant())) {
            found = Optional.of(unwritten.entry());
        } else if (!settings.forceRefresh(source) && (!knownLoaded || known.mightContain(source, key))) {
            try {
                List<String> rows = jdbc.queryForList("SELECT payload::text FROM api_cache WHERE source = ? AND cache_key = ? AND expires_at > ?",
                        String.class, source, key, Timestamp.from(clock.instant()));
                found = rows.stream().findFirst().flatMap(this::read);
                unreachable = false;
            } catch (DataAccessException e) {
                // the cache saves calls; it is never a reason to fail one: without the database, the API is asked
                unreachable(e);
            }
        }
        counter(found.isPresent() ? HITS : MISSES, source).increment();
        return found;
    }

    /** Stores (or replaces) an answer for {@code ttl}. */
    public void store(String source, String key, Entry entry, Duration ttl) {
        if (!settings.enabled() || ttl.isZero() || ttl.isNegative()) {
            return;
        }
        Instant now = clock.instant();
        known.add(source, key);
        pending.put(source + '\u0000' + key, new Pending(source, key, entry, now, now.plus(ttl)));
    }

    /**
     * Writes the stored answers in one batch. Stores are written behind (every
     * {@code enricher.cache.write-interval}) rather than one round trip per answer on the track's
     * path; answers not yet written are lost with the process, which only costs a cache miss.
     */
    public synchronized void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> batch = new ArrayList<>(pending.values());
        jdbc.batchUpdate("""
                INSERT INTO api_cache (source, cache_key, payload, fetched_at, expires_at) VALUES (?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (source, cache_key) DO UPDATE
                   SET payload = excluded.payload, fetched_at = excluded.fetched_at, expires_at = excluded.expires_at
                """, batch.stream().map(p -> new Object[] {p.source(), p.key(), payload(p.entry()), Timestamp.from(p.fetchedAt()),
            Timestamp.from(p.expiresAt())}).toList());
        // a newer answer for the same request, stored meanwhile, stays for the next flush
        batch.forEach(p -> pending.remove(p.source() + '\u0000' + p.key(), p));
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("could not write {} cached answers (kept for the next try): {}", pending.size(), e.getMessage());
        }
    }

    @PreDestroy
    public void close() {
        flusher.shutdown();
        flushQuietly();
    }

    private void unreachable(DataAccessException e) {
        if (!unreachable) {
            unreachable = true;
            log.warn("api_cache unreachable ({}): asking the APIs without it until the database answers", e.getClass().getSimpleName());
        }
    }

    private String payload(Entry entry) {
        ObjectNode payload = json.createObjectNode();
        payload.put("status", entry.status());
        payload.put("content_type", entry.contentType());
        payload.put("body", entry.body());
        return payload.toString();
    }

    private Optional<Entry> read(String payload) {
        try {
            JsonNode p = json.readTree(payload);
            return Optional.of(new Entry(p.path("status").asInt(), p.path("content_type").asText(null), p.path("body").asText()));
        } catch (JsonProcessingException e) {
            // a row we cannot read is a miss, not a failure: the API is asked again and the row replaced
            log.warn("unreadable api_cache payload ignored: {}", e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** Both counters of a source, at zero until its first lookup, so dashboards find the series from the start. */
    public void registerCounters(String source) {
        counter(HITS, source);
        counter(MISSES, source);
    }

    private Counter counter(String name, String source) {
        // registered once per source and name: a registry lookup on every request costs more than the lookup it counts
        return counters.computeIfAbsent(name + '\u0000' + source, k -> Counter.builder(name)
                .description(name.equals(HITS) ? "API answers served from api_cache" : "API requests not answered from api_cache")
                .tag("cache_type", source)
                .register(meters));
    }
}
