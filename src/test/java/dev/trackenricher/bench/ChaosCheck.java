package dev.trackenricher.bench;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tracks the chaos scenario counts as lost: not in a terminal state, or whose stored status
 * disagrees with its stored per-source outcomes (found ≥ 2 completed, 1 partial, 0 failed;
 * sources_enriched = found count).
 */
final class ChaosCheck {

    private ChaosCheck() {
    }

    static long lost(JdbcTemplate jdbc) {
        Long n = jdbc.queryForObject("""
                WITH found AS (
                    SELECT t.id, count(*) FILTER (WHERE o.outcome = 'found') AS found, count(o.source) AS outcomes
                      FROM tracks t LEFT JOIN enrichment_source_status o ON o.track_id = t.id GROUP BY t.id)
                SELECT count(*) FROM found f JOIN enrichment_status s ON s.track_id = f.id
                 WHERE s.status NOT IN ('completed', 'partial', 'failed')
                    OR s.sources_enriched <> f.found
                    OR s.status <> CASE WHEN f.found >= 2 THEN 'completed' WHEN f.found = 1 THEN 'partial' ELSE 'failed' END
                    OR f.outcomes = 0
                """, Long.class);
        Long orphans = jdbc.queryForObject("SELECT count(*) FROM tracks t WHERE NOT EXISTS "
                + "(SELECT 1 FROM enrichment_status s WHERE s.track_id = t.id)", Long.class);
        return (n == null ? 0 : n) + (orphans == null ? 0 : orphans);
    }
}
