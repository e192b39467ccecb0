package dev.trackenricher.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The one owner of track_locks: the fields a person set. (An enrich run reads them with the track
 * it claims, through the status repository, and lays them over its merge.)
 */
@Repository
class TrackLocks {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    TrackLocks(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Sets (or replaces) the lock of one field. Joins the caller's transaction. */
    void set(UUID trackId, String field, Object value, Instant at, String by) {
        String text;
        try {
            text = json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("locked value not serialisable", e);
        }
        jdbc.update("""
                INSERT INTO track_locks (track_id, field, value, set_at, set_by) VALUES (?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (track_id, field) DO UPDATE SET value = excluded.value, set_at = excluded.set_at, set_by = excluded.set_by
                """, trackId, field, text, Timestamp.from(at), by);
    }

    /** Releases the lock of one field; false when it had none. */
    boolean release(UUID trackId, String field) {
        return jdbc.update("DELETE FROM track_locks WHERE track_id = ? AND field = ?", trackId, field) == 1;
    }
}
