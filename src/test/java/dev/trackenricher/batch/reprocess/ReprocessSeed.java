package dev.trackenricher.batch.reprocess;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;

/** Seeds tracks in a given enrichment state (status, last attempt, retriable, retries, per-source outcomes). */
final class ReprocessSeed {

    private static final AtomicInteger counter = new AtomicInteger();

    private final JdbcTemplate jdbc;

    ReprocessSeed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A track last attempted {@code ago} before now; sources as "name=outcome" pairs. */
    UUID track(String status, Duration ago, boolean retriable, int retries, String... sources) {
        return track(status, Instant.now().minus(ago), retriable, retries, sources);
    }

    UUID track(String status, Instant lastAttempt, boolean retriable, int retries, String... sources) {
        UUID id = UUID.randomUUID();
        int n = counter.incrementAndGet();
        jdbc.update("INSERT INTO tracks (id, artist_name, title) VALUES (?, ?, ?)", id, "Seeded Artist " + n, "Seeded Song " + n);
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String s : sources) {
            String[] kv = s.split("=");
            outcomes.put(kv[0], kv[1]);
        }
        List<String> errors = outcomes.entrySet().stream().filter(e -> !List.of("found", "not_found", "skipped").contains(e.getValue()))
                .map(e -> e.getKey() + " " + e.getValue() + ": " + error(e.getValue())).toList();
        String message = errors.isEmpty() ? null : String.join("; ", errors);
        if ("failed".equals(status)) {
            message = "No metadata sources returned data" + (message == null ? "" : "; " + message);
        }
        Timestamp at = lastAttempt == null ? null : Timestamp.from(lastAttempt);
        boolean claimed = "in_progress".equals(status);
        jdbc.update("""
                INSERT INTO enrichment_status (track_id, status, sources_enriched, last_attempt, retry_count, error_message, is_retriable,
                                               next_attempt_at, claimed_at, claim_token, status_before_claim)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, id, status, (int) outcomes.values().stream().filter("found"::equals).count(), at, retries, message, retriable,
                "pending".equals(status) ? Timestamp.from(Instant.now()) : at == null ? null : Timestamp.from(lastAttempt.plus(Duration.ofHours(1))),
                claimed ? Timestamp.from(Instant.now()) : null, claimed ? UUID.randomUUID() : null, claimed ? "failed" : null);
        outcomes.forEach((source, outcome) -> jdbc.update("""
                INSERT INTO enrichment_source_status (track_id, source, outcome, attempts, last_attempt, error, data)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb)
                """, id, source, outcome, retries + 1, at == null ? Timestamp.from(Instant.now()) : at,
                List.of("found", "not_found").contains(outcome) ? null : error(outcome),
                "found".equals(outcome) ? "{\"genre\": \"seeded\"}" : null));
        return id;
    }

    static String error(String outcome) {
        return switch (outcome) {
            case "failed" -> "HTTP 503 from the API";
            case "rate_limited" -> "HTTP 429, Retry-After 30 s";
            case "short_circuited" -> "circuit breaker open";
            case "skipped" -> "no credentials configured";
            default -> null;
        };
    }

    /** Every row of the three tables the reset could touch, as text, in a fixed order. */
    String snapshot() {
        return String.join("\n", jdbc.queryForList("SELECT s::text FROM enrichment_status s ORDER BY track_id", String.class))
                + "\n" + String.join("\n", jdbc.queryForList("SELECT x::text FROM enrichment_source_status x ORDER BY track_id, source",
                String.class))
                + "\n" + String.join("\n", jdbc.queryForList("SELECT t::text FROM tracks t ORDER BY id", String.class));
    }
}
