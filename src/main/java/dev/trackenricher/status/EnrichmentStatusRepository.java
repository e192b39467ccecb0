package dev.trackenricher.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** enrichment_status and enrichment_source_status: writing a run's results, reading a track's state. */
@Repository
public class EnrichmentStatusRepository {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public EnrichmentStatusRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Writes each result whose claim is still held (a claim that expired and was taken by another
     * run is not overwritten). Call inside one transaction per chunk. Returns the results written.
     */
    public List<EnrichmentResult> save(List<? extends EnrichmentResult> results) {
        List<Object[]> rows = new ArrayList<>(results.size());
        for (EnrichmentResult r : results) {
            StatusDecision d = r.decision();
            rows.add(new Object[] {d.status().wireName(), d.sourcesEnriched(), ts(r.attemptedAt()), d.retryCount(), storable(d.errorMessage()),
                d.retriable(), ts(d.nextAttemptAt()), r.trackId(), r.claimToken()});
        }
        // one batch; the count per row tells which claims were still held
        int[] updated = jdbc.batchUpdate("""
                UPDATE enrichment_status
                   SET status = ?, sources_enriched = ?, last_attempt = ?, retry_count = ?, error_message = ?,
                       is_retriable = ?, next_attempt_at = ?, claimed_at = NULL, claim_token = NULL,
                       status_before_claim = NULL, reprocess_sources = NULL, updated_at = now()
                 WHERE track_id = ? AND claim_token = ? AND status = 'in_progress'
                """, rows);
        List<EnrichmentResult> written = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] == 1) {
                written.add(results.get(i));
            }
        }
        if (written.isEmpty()) {
            return written;
        }
        jdbc.batchUpdate("UPDATE tracks SET metadata = ?::jsonb, updated_at = now() WHERE id = ?",
                written.stream().map(r -> new Object[] {toJson(r.metadata()), r.trackId()}).toList());
        List<Object[]> attempts = new ArrayList<>();
        for (EnrichmentResult r : written) {
            for (SourceAttempt a : r.attempts()) {
                attempts.add(new Object[] {r.trackId(), a.source(), a.outcome().wireName(), ts(r.attemptedAt()), storable(a.error()),
                        a.data() == null ? null : toJson(a.data()), a.confidence()});
            }
        }
        // found data is replaced only by new found data: a later failure keeps what the source gave before
        jdbc.batchUpdate("""
                INSERT INTO enrichment_source_status (track_id, source, outcome, attempts, last_attempt, error, data, confidence)
                VALUES (?, ?, ?, 1, ?, ?, ?::jsonb, ?)
                ON CONFLICT (track_id, source) DO UPDATE
                   SET outcome = excluded.outcome, attempts = enrichment_source_status.attempts + 1,
                       last_attempt = excluded.last_attempt, error = excluded.error,
                       data = coalesce(excluded.data, enrichment_source_status.data),
                       confidence = coalesce(excluded.confidence, enrichment_source_status.confidence)
                """, attempts);
        return written;
    }

    public Optional<TrackStatusView> find(UUID trackId) {
        List<TrackStatusView> rows = jdbc.query("""
                SELECT track_id, status, sources_enriched, is_retriable, retry_count, last_attempt, error_message,
                       next_attempt_at, metadata->'enrichment_sources' AS used
                  FROM enrichment_status s JOIN tracks t ON t.id = s.track_id WHERE track_id = ?
                """, (rs, n) -> new TrackStatusView(
                rs.getObject("track_id", UUID.class), rs.getString("status"), rs.getInt("sources_enriched"),
                readList(rs.getString("used")), rs.getBoolean("is_retriable"), rs.getInt("retry_count"),
                instant(rs.getTimestamp("last_attempt")), rs.getString("error_message"),
                instant(rs.getTimestamp("next_attempt_at")), sources(trackId)), trackId);
        return rows.stream().findFirst();
    }

    private Map<String, SourceStatusView> sources(UUID trackId) {
        Map<String, SourceStatusView> out = new LinkedHashMap<>();
        jdbc.query("""
                SELECT source, outcome, error, attempts, last_attempt, confidence
                  FROM enrichment_source_status WHERE track_id = ? ORDER BY source
                """, rs -> {
            Double confidence = rs.getObject("confidence") == null ? null : rs.getDouble("confidence");
            out.put(rs.getString("source"), new SourceStatusView(rs.getString("outcome"), rs.getString("error"),
                    rs.getInt("attempts"), instant(rs.getTimestamp("last_attempt")), confidence));
        }, trackId);
        return out;
    }

    private List<String> readList(String text) {
        if (text == null) {
            return List.of();
        }
        try {
            return List.of(json.readValue(text, String[].class));
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    /**
     * PostgreSQL's text and jsonb hold any character but NUL (U+0000); an API can send one (escaped
     * in JSON), and one such value must not fail the whole chunk's transaction. It is dropped.
     */
    static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace("\u0000", "");
    }

    /** {@link #storable(String)} for every string in a metadata tree (keys too). */
    static Object storable(Object value) {
        if (value instanceof String s) {
            return storable(s);
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k instanceof String ks ? storable(ks) : k, storable(v)));
            return out;
        }
        if (value instanceof java.util.Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            c.forEach(v -> out.add(storable(v)));
            return out;
        }
        return value;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(storable(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("metadata not serialisable", e);
        }
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
