package dev.trackenricher.track;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import dev.trackenricher.database.UuidArray;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The catalogue: tracks and the enrichment_status row each one is born with. */
@Repository
public class TrackRepository {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public TrackRepository(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Adds all tracks, each pending and due at once, in one transaction: all or none. */
    @Transactional
    public List<UUID> insertAll(List<NewTrack> tracks) {
        List<UUID> ids = new ArrayList<>(tracks.size());
        List<Object[]> rows = new ArrayList<>(tracks.size());
        for (NewTrack t : tracks) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            rows.add(new Object[] {id, t.artistName(), t.title(), t.isrc(), t.spotifyId(), t.durationMs()});
        }
        jdbc.batchUpdate("INSERT INTO tracks (id, artist_name, title, isrc, spotify_id, duration_ms) VALUES (?, ?, ?, ?, ?, ?)",
                rows, 500, (ps, row) -> {
                    for (int i = 0; i < 5; i++) {
                        ps.setObject(i + 1, row[i]);
                    }
                    if (row[5] == null) {
                        ps.setNull(6, Types.INTEGER);
                    } else {
                        ps.setInt(6, (Integer) row[5]);
                    }
                });
        jdbc.batchUpdate("INSERT INTO enrichment_status (track_id, status, next_attempt_at) VALUES (?, 'pending', now())",
                ids.stream().map(id -> new Object[] {id}).toList());
        return ids;
    }

    public List<Track> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Track> found = jdbc.query(SELECT + " WHERE t.id = ANY(?::uuid[])", this::map, UuidArray.of(ids));
        Map<UUID, Track> byId = new HashMap<>();
        found.forEach(t -> byId.put(t.id(), t));
        return ids.stream().map(byId::get).filter(Objects::nonNull).toList();
    }

    public Optional<Track> find(UUID id) {
        return jdbc.query(SELECT + " WHERE t.id = ?", this::map, id).stream().findFirst();
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT count(*) FROM tracks", Long.class);
        return n == null ? 0 : n;
    }

    private static final String SELECT = """
            SELECT t.id, t.artist_name, t.title, t.isrc, t.spotify_id, t.duration_ms, t.metadata::text AS metadata,
                   s.status, t.created_at, t.updated_at
              FROM tracks t LEFT JOIN enrichment_status s ON s.track_id = t.id
            """;

    private Track map(ResultSet rs, int row) throws SQLException {
        Map<String, Object> metadata;
        try {
            metadata = json.readValue(rs.getString("metadata"), MAP);
        } catch (Exception e) {
            throw new SQLException("unreadable metadata of track " + rs.getString("id"), e);
        }
        return new Track(rs.getObject("id", UUID.class), rs.getString("artist_name"), rs.getString("title"),
                rs.getString("isrc"), rs.getString("spotify_id"), (Integer) rs.getObject("duration_ms"), metadata,
                rs.getString("status"), rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
