package dev.trackenricher.support;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A track's status rows as stored, read with plain SQL: what a test asserts, independent of the
 * repository that wrote them.
 */
public final class StatusRows {

    private StatusRows() {
    }

    /** The track's enrichment_status row, column by column. */
    public static Map<String, Object> status(JdbcTemplate db, UUID trackId) {
        return db.queryForMap("SELECT * FROM enrichment_status WHERE track_id = ?", trackId);
    }

    /** Each source's stored outcome for the track, by source name. */
    public static Map<String, String> outcomes(JdbcTemplate db, UUID trackId) {
        Map<String, String> out = new TreeMap<>();
        db.query("SELECT source, outcome FROM enrichment_source_status WHERE track_id = ?", rs -> {
            out.put(rs.getString(1), rs.getString(2));
        }, trackId);
        return out;
    }

    public static String error(JdbcTemplate db, UUID trackId, String source) {
        return db.queryForObject("SELECT error FROM enrichment_source_status WHERE track_id = ? AND source = ?", String.class,
                trackId, source);
    }

    /** How many tracks stand in this status (its stored name: completed, in_progress, …). */
    public static int count(JdbcTemplate db, String status) {
        Integer n = db.queryForObject("SELECT count(*) FROM enrichment_status WHERE status = ?", Integer.class, status);
        return n == null ? 0 : n;
    }
}
