package dev.trackenricher.batch;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trackenricher.database.UuidArray;
import dev.trackenricher.source.Outcome;
import dev.trackenricher.status.PreviousAttempt;
import dev.trackenricher.status.TrackToEnrich;
import java.sql.Array;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Claims due tracks for one enrich run. A claim is committed on its own (not in the chunk's
 * transaction), so other runs and instances skip the rows at once ({@code FOR UPDATE SKIP LOCKED})
 * and a crash leaves a claim that expires after the claim timeout.
 */
@Repository
public class ClaimRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /** Due: not in progress and its next attempt time has come, or in progress with an expired claim. */
    private static final String DUE = """
            ((s.status <> 'in_progress' AND s.next_attempt_at <= now())
              OR (s.status = 'in_progress' AND s.claimed_at < now() - make_interval(secs => ?)))
            AND (?::uuid[] IS NULL OR s.track_id = ANY(?::uuid[]))
            """;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final ObjectMapper json;

    public ClaimRepository(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
    }

    public int countDue(Duration claimTimeout, List<UUID> onlyIds) {
        String ids = UuidArray.of(onlyIds);
        Integer n = jdbc.queryForObject("SELECT count(*) FROM enrichment_status s WHERE " + DUE, Integer.class,
                seconds(claimTimeout), ids, ids);
        return n == null ? 0 : n;
    }

    /** Claims up to {@code max} due tracks under {@code token} and returns them with their source history. */
    public List<TrackToEnrich> claim(int max, UUID token, Duration claimTimeout, List<UUID> onlyIds) {
        return ownTransaction.execute(tx -> {
            String ids = UuidArray.of(onlyIds);
            List<UUID> claimed = jdbc.queryForList("""
                    WITH due AS (
                        SELECT s.track_id FROM enrichment_status s
                        WHERE %s
                        ORDER BY s.next_attempt_at NULLS FIRST, s.track_id
                        LIMIT ?
                        FOR UPDATE SKIP LOCKED)
                    UPDATE enrichment_status s
                       SET status_before_claim = CASE WHEN s.status = 'in_progress' THEN s.status_before_claim ELSE s.status END,
                           status = 'in_progress', claimed_at = now(), claim_token = ?, updated_at = now()
                      FROM due WHERE s.track_id = due.track_id
                    RETURNING s.track_id
                    """.formatted(DUE), UUID.class, seconds(claimTimeout), ids, ids, max, token);
            return load(claimed, token);
        });
    }

    /** Gives back the claims of a run that stopped before writing them: due again at once. */
    public int release(UUID token) {
        return jdbc.update("""
                UPDATE enrichment_status
                   SET status = coalesce(status_before_claim, 'pending'), claimed_at = NULL, claim_token = NULL,
                       next_attempt_at = now(), updated_at = now()
                 WHERE claim_token = ? AND status = 'in_progress'
                """, token);
    }

    private List<TrackToEnrich> load(List<UUID> ids, UUID token) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Object[] idArray = {UuidArray.of(ids)};
        Map<UUID, Map<String, PreviousAttempt>> history = new HashMap<>();
        jdbc.query("""
                SELECT track_id, source, outcome, attempts, last_attempt, error, data::text AS data, confidence
                  FROM enrichment_source_status WHERE track_id = ANY(?::uuid[])
                """, rs -> {
            UUID id = rs.getObject("track_id", UUID.class);
            String source = rs.getString("source");
            Double confidence = rs.getObject("confidence") == null ? null : rs.getDouble("confidence");
            history.computeIfAbsent(id, k -> new LinkedHashMap<>()).put(source, new PreviousAttempt(source,
                    Outcome.fromWireName(rs.getString("outcome")), rs.getInt("attempts"),
                    rs.getTimestamp("last_attempt").toInstant(), rs.getString("error"), readMap(rs.getString("data")), confidence));
        }, idArray);
        List<TrackToEnrich> tracks = new ArrayList<>();
        jdbc.query("""
                SELECT t.id, t.artist_name, t.title, t.isrc, t.spotify_id, t.duration_ms, s.retry_count, s.reprocess_sources
                  FROM tracks t JOIN enrichment_status s ON s.track_id = t.id
                 WHERE t.id = ANY(?::uuid[]) ORDER BY t.id
                """, rs -> {
            UUID id = rs.getObject("id", UUID.class);
            Integer duration = rs.getObject("duration_ms") == null ? null : rs.getInt("duration_ms");
            Array only = rs.getArray("reprocess_sources");
            Set<String> onlySources = only == null ? Set.of() : Set.of((String[]) only.getArray());
            tracks.add(new TrackToEnrich(id, token, rs.getString("artist_name"), rs.getString("title"), rs.getString("isrc"),
                    rs.getString("spotify_id"), duration, rs.getInt("retry_count"), history.getOrDefault(id, Map.of()), onlySources));
        }, idArray);
        return tracks;
    }

    private Map<String, Object> readMap(String text) {
        if (text == null) {
            return Map.of();
        }
        try {
            return json.readValue(text, MAP);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable source data in enrichment_source_status", e);
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
