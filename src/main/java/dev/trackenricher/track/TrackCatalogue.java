package dev.trackenricher.track;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reading the catalogue page by page (GET /tracks). Reads the status tables beside the tracks (their
 * owner, {@code status.TrackStatusRepository}, writes them): a filter on a status or an outcome must
 * be in the same statement as the order, or no index could serve the page.
 */
@Repository
public class TrackCatalogue {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            t.id, t.artist_name, t.title, t.isrc, t.spotify_id, t.duration_ms, t.metadata::text AS metadata,
                   t.created_at, t.updated_at, s.status""";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public TrackCatalogue(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** One page and the cursor of the next (null on the last page). */
    public record Page(List<Track> tracks, String next) {
    }

    public Page page(TrackFilter filter, TrackOrder order, TrackCursor after, int limit) {
        // one more than asked tells whether another page follows, without counting
        TrackQuery q = TrackQuery.of(COLUMNS, filter, order, after, limit + 1);
        List<Track> rows = jdbc.query(q.sql, (rs, n) -> track(rs), q.params.toArray());
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<Track> page = rows.subList(0, limit);
        Track last = page.get(limit - 1);
        return new Page(List.copyOf(page), new TrackCursor(order, last.createdAt(), last.id()).encode());
    }

    private Track track(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Map<String, Object> metadata;
        try {
            metadata = json.readValue(rs.getString("metadata"), MAP);
        } catch (Exception e) {
            throw new SQLException("unreadable metadata of track " + id, e);
        }
        return new Track(id, rs.getString("artist_name"), rs.getString("title"), rs.getString("isrc"), rs.getString("spotify_id"),
                (Integer) rs.getObject("duration_ms"), metadata, rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
