package dev.trackenricher.curation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The one owner of track_history: every manual change of a track, oldest first. */
@Repository
public class TrackHistory {

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public TrackHistory(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Keeps one change. Joins the caller's transaction (the change and its record commit together). */
    public void record(UUID trackId, HistoryEntry change) {
        jdbc.update("""
                INSERT INTO track_history (track_id, field, action, old_value, new_value, changed_by, changed_at)
                VALUES (?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)
                """, trackId, change.field(), change.action(), write(change.oldValue()), write(change.newValue()), change.by(),
                Timestamp.from(change.at()));
    }

    public List<HistoryEntry> of(UUID trackId) {
        return jdbc.query("""
                SELECT changed_at, changed_by, field, action, old_value::text AS old_value, new_value::text AS new_value
                  FROM track_history WHERE track_id = ? ORDER BY id
                """, (rs, n) -> new HistoryEntry(rs.getTimestamp("changed_at").toInstant(), rs.getString("changed_by"), rs.getString("field"),
                rs.getString("action"), read(rs.getString("old_value")), read(rs.getString("new_value"))), trackId);
    }

    private String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history value not serialisable", e);
        }
    }

    private Object read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable value in track_history", e);
        }
    }
}
